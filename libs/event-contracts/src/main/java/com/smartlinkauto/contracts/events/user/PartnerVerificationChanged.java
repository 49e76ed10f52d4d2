package com.smartlinkauto.contracts.events.user;

import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code PartnerVerificationChanged} (schema version 1). {@code changedBy} is the admin, or
 * the partner for a resubmission; {@code reason} is set for REJECTED.
 */
public record PartnerVerificationChanged(UUID partnerId, String from, String to, String reason, UUID changedBy,
        Instant changedAt) {
}
