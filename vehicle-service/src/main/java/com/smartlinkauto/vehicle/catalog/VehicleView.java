package com.smartlinkauto.vehicle.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A vehicle as the API shows it. The public view (anyone, for bookable vehicles) leaves out the VIN,
 * the plate and the status reason, and names the partner as renters see them ({@code partnerName}, "Jean M.");
 * the owner and admins see the rest.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VehicleView(UUID id, UUID partnerId, String partnerName, String make, String model, int year, String vin,
        String licensePlate, BigDecimal basePricePerDay, String currency, Location location, int seats,
        Transmission transmission, FuelType fuelType, String description, List<String> features,
        int turnaroundMinutes, VehicleStatus status, String statusReason, boolean bookable, List<PhotoRef> photos,
        Instant createdAt, Instant updatedAt) {

    public static VehicleView full(Vehicle v, List<PhotoRef> photos) {
        return new VehicleView(v.id(), v.partnerId(), null, v.make(), v.model(), v.year(), v.vin(), v.licensePlate(),
                v.basePricePerDay(), v.currency(), location(v), v.seats(), v.transmission(), v.fuelType(),
                v.description(), v.features(), v.turnaroundMinutes(), v.status(), v.statusReason(), v.bookable(),
                photos, v.createdAt(), v.updatedAt());
    }

    /** {@code partnerName}: the partner's public name (PartnerDirectory#publicName), null when not known. */
    public static VehicleView publicOf(Vehicle v, List<PhotoRef> photos, String partnerName) {
        return new VehicleView(v.id(), v.partnerId(), partnerName, v.make(), v.model(), v.year(), null, null,
                v.basePricePerDay(), v.currency(), location(v), v.seats(), v.transmission(), v.fuelType(),
                v.description(), v.features(), v.turnaroundMinutes(), v.status(), null, v.bookable(), photos,
                v.createdAt(), v.updatedAt());
    }

    private static Location location(Vehicle v) {
        return new Location(v.city(), v.country(), v.latitude(), v.longitude());
    }
}
