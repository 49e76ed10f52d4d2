package com.smartlinkauto.contracts.events.storage;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;

/**
 * Payload of {@code NodeJoined} (schema version 1, aggregate id = node id): a storage node sent its
 * first heartbeat, or came back after it had been declared dead ({@code returned} = true).
 */
public record NodeJoined(@NotNull String nodeId, String zone, @NotNull String baseUrl, long capacityBytes,
        int bandwidthMbps, boolean returned, @NotNull Instant joinedAt) {
}
