package com.smartlinkauto.contracts.events.user;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * Payload of {@code PartnerVerificationChanged} (schema version 1). {@code changedBy} is the admin, or
 * the partner for a resubmission; {@code reason} is set for REJECTED.
 */
public record PartnerVerificationChanged(@NotNull UUID partnerId, @NotNull String from, @NotNull String to,
        String reason, UUID changedBy, @NotNull Instant changedAt) {
}
