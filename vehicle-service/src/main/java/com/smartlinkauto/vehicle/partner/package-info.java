/**
 * {@code user.events} → the partners' standing in the catalogue and the cascade onto their vehicles (suspended
 * when the partner is rejected or suspended, back when verified again).
 */
@ApplicationModule(displayName = "Partners")
package com.smartlinkauto.vehicle.partner;

import org.springframework.modulith.ApplicationModule;
