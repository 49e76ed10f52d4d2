package com.smartlinkauto.contracts.events.vehicle;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * Payload of {@code VehicleVerificationChanged} (schema version 1): a vehicle's status moved
 * (PENDING_REVIEW → ACTIVE | REJECTED, ACTIVE ↔ SUSPENDED, any → RETIRED), by an admin ({@code actorId}),
 * its owner, or by the system when the partner's verification changed ({@code actorId} null).
 */
public record VehicleVerificationChanged(@NotNull UUID vehicleId, @NotNull UUID partnerId, @NotNull String fromStatus,
        @NotNull String toStatus, String reason, UUID actorId, @NotNull Instant changedAt) {
}
