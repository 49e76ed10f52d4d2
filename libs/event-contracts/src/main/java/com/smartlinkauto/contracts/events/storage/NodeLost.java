package com.smartlinkauto.contracts.events.storage;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;

/**
 * Payload of {@code NodeLost} (schema version 1, aggregate id = node id): a storage node missed its
 * heartbeats for the dead timeout; its replicas no longer count and are being re-replicated.
 *
 * @param replicasLost the chunk replicas the node held
 */
public record NodeLost(@NotNull String nodeId, String zone, Instant lastHeartbeatAt, long replicasLost,
        @NotNull Instant lostAt) {
}
