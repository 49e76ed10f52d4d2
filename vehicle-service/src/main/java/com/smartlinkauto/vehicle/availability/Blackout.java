package com.smartlinkauto.vehicle.availability;

import java.time.Instant;
import java.util.UUID;

public record Blackout(UUID id, UUID vehicleId, Instant from, Instant to, String reason, UUID createdBy,
        Instant createdAt) {
}
