package com.smartlinkauto.contracts.events.user;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** Payload of {@code PartnerRegistered} (schema version 1): a partner signed up, verification PENDING. */
public record PartnerRegistered(@NotNull UUID partnerId, @NotNull String email, String firstName, String lastName,
        String verificationStatus, @NotNull Instant registeredAt) {
}
