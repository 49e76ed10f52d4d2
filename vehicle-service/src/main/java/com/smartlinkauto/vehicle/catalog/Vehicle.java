package com.smartlinkauto.vehicle.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.smartlinkauto.vehicle.shared.Caller;

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

    /** This vehicle after a status change at {@code at}. */
    Vehicle withStatus(VehicleStatus newStatus, String reason, SuspensionCause cause, Instant at) {
        return new Vehicle(id, partnerId, make, model, year, vin, licensePlate, priceMinor, currency, city, country,
                latitude, longitude, seats, transmission, fuelType, description, features, turnaroundMinutes, newStatus,
                reason, cause, partnerVerified, createdAt, at, version + 1);
    }

    /** Its owner or an admin: may see everything about it and manage it. */
    public boolean managedBy(Caller caller) {
        return caller.manages(partnerId);
    }
}
