/**
 * vehicle-service as booking-service sees it: a vehicle's price, currency, partner, status, turnaround and
 * blackouts, read from its internal API with this service's service token, through a circuit breaker and a short
 * cache ({@link com.smartlinkauto.booking.vehicle.VehicleCatalog}).
 */
@ApplicationModule(displayName = "Vehicles", allowedDependencies = { "shared", "config" })
package com.smartlinkauto.booking.vehicle;

import org.springframework.modulith.ApplicationModule;
