package com.smartlinkauto.vehicle.catalog;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * Keeps the public view of vehicles (the JSON of {@code GET /api/vehicles/{id}} for anyone who does not manage
 * the vehicle) between requests. The cache module provides it, so the catalogue does not depend on the cache:
 * the cache depends on the catalogue, and a {@link VehiclesChanged} makes the kept view stale.
 */
public interface PublicVehicleViews {

    /** The kept public view of the vehicle, or what {@code render} returns (then kept; a failure is not). */
    String read(UUID vehicleId, Supplier<String> render);
}
