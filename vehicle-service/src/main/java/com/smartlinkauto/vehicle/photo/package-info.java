/** Vehicle photos: checked by content, stored in the storage network, streamed with ETags. */
@ApplicationModule(displayName = "Photos")
package com.smartlinkauto.vehicle.photo;

import org.springframework.modulith.ApplicationModule;
