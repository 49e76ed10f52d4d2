/**
 * The vehicle catalogue: listing, editing, verification and the lifecycle, the partners' standing as
 * {@code user.events} reported it and their quotas, the audit trail, {@code vehicle.events} (through the outbox)
 * and {@link com.smartlinkauto.vehicle.catalog.VehiclesChanged} for everything that changes what renters see. The
 * other feature modules build on it; it depends only on the shared kernel and the configuration (the cache of
 * public views is reached through {@link com.smartlinkauto.vehicle.catalog.PublicVehicleViews}, which the cache
 * module provides).
 */
@ApplicationModule(displayName = "Catalogue", allowedDependencies = { "shared", "config" })
package com.smartlinkauto.vehicle.catalog;

import org.springframework.modulith.ApplicationModule;
