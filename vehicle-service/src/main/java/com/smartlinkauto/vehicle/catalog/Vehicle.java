package com.smartlinkauto.vehicle.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A vehicle as stored. Money in minor units of {@code currency}. */
public record Vehicle(UUID id, UUID partnerId, String make, String model, int year, String vin, String licensePlate,
        long priceMinor, String currency, String city, String country, double latitude, double longitude, int seats,
        Transmission transmission, FuelType fuelType, String description, List<String> features,
        int turnaroundMinutes, VehicleStatus status, String statusReason, SuspensionCause suspensionCause,
        boolean partnerVerified, Instant createdAt, Instant updatedAt, long version) {

    /** Renters may find and book it: ACTIVE, and its partner is VERIFIED. */
    public boolean bookable() {
        return status == VehicleStatus.ACTIVE && partnerVerified;
    }

    public BigDecimal basePricePerDay() {
        return VehicleRules.price(priceMinor, currency);
    }

    public boolean ownedBy(UUID userId) {
        return partnerId.equals(userId);
    }
}
