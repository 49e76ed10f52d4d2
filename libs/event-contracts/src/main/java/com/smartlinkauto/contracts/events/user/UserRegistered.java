package com.smartlinkauto.contracts.events.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * Payload of {@code UserRegistered} (schema version 1), published for every new account. Partners also
 * get a {@link PartnerRegistered}. Key: the user id.
 */
public record UserRegistered(@NotNull UUID userId, @NotNull String email, String firstName, String lastName,
        @NotNull List<String> roles, @NotNull Instant registeredAt) {
}
