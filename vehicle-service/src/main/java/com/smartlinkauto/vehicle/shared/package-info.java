/**
 * The small shared kernel of vehicle-service: who is asking ({@link com.smartlinkauto.vehicle.shared.Caller}), the
 * 400 validation problems for rules Bean Validation cannot express ({@link com.smartlinkauto.vehicle.shared.Invalid})
 * and the service's problem types ({@link com.smartlinkauto.vehicle.shared.VehicleProblems}). Every feature module
 * may use it; it uses none of them.
 */
@ApplicationModule(displayName = "Shared kernel", allowedDependencies = {})
package com.smartlinkauto.vehicle.shared;

import org.springframework.modulith.ApplicationModule;
