package com.smartlinkauto.contracts.events.vehicle;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * Payload of {@code VehicleUpdated} (schema version 1): the owner changed a vehicle; the values after
 * the change of what booking-service and caches need, and the names of the fields that changed.
 */
public record VehicleUpdated(@NotNull UUID vehicleId, @NotNull UUID partnerId, @NotNull List<String> changedFields,
        BigDecimal basePricePerDay, String currency, int turnaroundMinutes, String city, String country,
        @NotNull String status, @NotNull Instant updatedAt) {
}
