package com.smartlinkauto.contracts.events.vehicle;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * Payload of {@code AvailabilityChanged} (schema version 1): a partner blackout was added or removed;
 * the interval is half-open {@code [from, to)}.
 *
 * @param change {@code BLACKOUT_ADDED} or {@code BLACKOUT_REMOVED}
 */
public record AvailabilityChanged(@NotNull UUID vehicleId, @NotNull UUID blackoutId, @NotNull String change,
        @NotNull Instant from, @NotNull Instant to, @NotNull Instant changedAt) {
}
