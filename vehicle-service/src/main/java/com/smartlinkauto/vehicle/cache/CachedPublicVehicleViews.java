package com.smartlinkauto.vehicle.cache;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import com.smartlinkauto.vehicle.catalog.PublicVehicleViews;

/**
 * Vehicles' public views in the Redis cache ({@link VehicleCache#VEHICLE}, {@code smartlink.vehicles.cache.vehicle-ttl}),
 * filed under the vehicle's namespace {@code v:<id>}: any {@code VehiclesChanged} of the vehicle makes them stale.
 */
@Component
class CachedPublicVehicleViews implements PublicVehicleViews {

    private final VehicleCache cache;

    CachedPublicVehicleViews(VehicleCache cache) {
        this.cache = cache;
    }

    @Override
    public String read(UUID vehicleId, Supplier<String> render) {
        return cache.readThrough(VehicleCache.VEHICLE, List.of(CacheNamespaces.vehicle(vehicleId)),
                vehicleId.toString(), render);
    }
}
