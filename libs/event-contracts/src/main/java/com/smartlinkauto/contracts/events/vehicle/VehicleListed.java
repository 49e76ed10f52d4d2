package com.smartlinkauto.contracts.events.vehicle;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * Payload of {@code VehicleListed} (schema version 1): a partner listed a vehicle; it awaits review
 * ({@code status} PENDING_REVIEW).
 *
 * @param basePricePerDay in {@code currency} (ISO 4217), exact decimal
 */
public record VehicleListed(@NotNull UUID vehicleId, @NotNull UUID partnerId, String make, String model, int year,
        String city, String country, @NotNull BigDecimal basePricePerDay, @NotNull String currency, int seats,
        int turnaroundMinutes, @NotNull String status, @NotNull Instant listedAt) {
}
