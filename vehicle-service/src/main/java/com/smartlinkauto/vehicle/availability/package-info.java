/** Partner blackouts, the booking projection from {@code booking.events} and the busy intervals of a vehicle. */
@ApplicationModule(displayName = "Availability")
package com.smartlinkauto.vehicle.availability;

import org.springframework.modulith.ApplicationModule;
