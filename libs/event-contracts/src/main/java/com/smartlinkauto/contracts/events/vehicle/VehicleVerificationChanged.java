package com.smartlinkauto.contracts.events.vehicle;

import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code VehicleVerificationChanged} (schema version 1): a vehicle's status moved
 * (PENDING_REVIEW → ACTIVE | REJECTED, ACTIVE ↔ SUSPENDED, any → RETIRED), by an admin ({@code actorId}),
 * its owner, or by the system when the partner's verification changed ({@code actorId} null).
 */
public record VehicleVerificationChanged(UUID vehicleId, UUID partnerId, String fromStatus, String toStatus,
        String reason, UUID actorId, Instant changedAt) {
}
