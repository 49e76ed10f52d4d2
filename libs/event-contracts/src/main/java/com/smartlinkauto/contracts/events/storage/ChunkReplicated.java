package com.smartlinkauto.contracts.events.storage;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;

/**
 * Payload of {@code ChunkReplicated} (schema version 1, aggregate id = chunk id): a new replica of a
 * chunk was copied node to node (re-replication after a loss, a decommission or a transfer).
 *
 * @param reason      {@code REPAIR}, {@code DECOMMISSION} or {@code TRANSFER}
 * @param liveReplicas stored replicas on live nodes after this copy
 */
public record ChunkReplicated(@NotNull String chunkId, long size, @NotNull String sourceNodeId,
        @NotNull String targetNodeId, @NotNull String reason, int liveReplicas, int replication,
        @NotNull Instant replicatedAt) {
}
