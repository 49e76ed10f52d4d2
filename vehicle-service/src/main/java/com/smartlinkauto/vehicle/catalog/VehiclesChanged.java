package com.smartlinkauto.vehicle.catalog;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * What renters can see of some vehicles changed: their details, status, bookability, photos, availability or
 * place. Every writer publishes it inside the transaction that makes the change (the catalogue, photos,
 * blackouts, the booking projection); it is internal to this service, never sent to Kafka. The cache module
 * turns it into cache invalidation once that transaction commits ({@code cache.CacheInvalidation}).
 *
 * @param places every place a changed vehicle was or now is at (a move touches both)
 */
public record VehiclesChanged(List<Place> places) {

    public VehiclesChanged {
        places = List.copyOf(places);
    }

    /** A vehicle at a place: its own views, the searches in its city and around its position. */
    public record Place(UUID vehicleId, String city, double latitude, double longitude) {

        static Place of(Vehicle vehicle) {
            return new Place(vehicle.id(), vehicle.city(), vehicle.latitude(), vehicle.longitude());
        }
    }

    /** These vehicles as they are (or were: pass both states of a vehicle that moved). */
    public static VehiclesChanged of(Vehicle... vehicles) {
        return of(Arrays.asList(vehicles));
    }

    public static VehiclesChanged of(Collection<Vehicle> vehicles) {
        return new VehiclesChanged(vehicles.stream().map(Place::of).toList());
    }
}
