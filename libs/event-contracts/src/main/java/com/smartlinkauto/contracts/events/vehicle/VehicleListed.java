package com.smartlinkauto.contracts.events.vehicle;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code VehicleListed} (schema version 1): a partner listed a vehicle; it awaits review
 * ({@code status} PENDING_REVIEW).
 *
 * @param basePricePerDay in {@code currency} (ISO 4217), exact decimal
 */
public record VehicleListed(UUID vehicleId, UUID partnerId, String make, String model, int year, String city,
        String country, BigDecimal basePricePerDay, String currency, int seats, int turnaroundMinutes, String status,
        Instant listedAt) {
}
