package com.smartlinkauto.contracts.events.user;

import java.time.Instant;
import java.util.UUID;

/** Payload of {@code PartnerRegistered} (schema version 1): a partner signed up, verification PENDING. */
public record PartnerRegistered(UUID partnerId, String email, String firstName, String lastName,
        String verificationStatus, Instant registeredAt) {
}
