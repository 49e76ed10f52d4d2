package com.smartlinkauto.contracts.events.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Payload of {@code UserRegistered} (schema version 1), published for every new account. Partners also
 * get a {@link PartnerRegistered}. Key: the user id.
 */
public record UserRegistered(UUID userId, String email, String firstName, String lastName, List<String> roles,
        Instant registeredAt) {
}
