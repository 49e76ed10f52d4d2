package com.smartlinkauto.contracts.events.storage;

import java.time.Instant;

/**
 * Payload of {@code ChunkReplicated} (schema version 1, aggregate id = chunk id): a new replica of a
 * chunk was copied node to node (re-replication after a loss, a decommission or a transfer).
 *
 * @param reason      {@code REPAIR}, {@code DECOMMISSION} or {@code TRANSFER}
 * @param liveReplicas stored replicas on live nodes after this copy
 */
public record ChunkReplicated(String chunkId, long size, String sourceNodeId, String targetNodeId, String reason,
        int liveReplicas, int replication, Instant replicatedAt) {
}
