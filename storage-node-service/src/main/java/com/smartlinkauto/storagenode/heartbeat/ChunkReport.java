package com.smartlinkauto.storagenode.heartbeat;

import java.time.Instant;
import java.util.List;

import com.smartlinkauto.storagenode.chunk.ChunkEntry;

/**
 * Body of {@code PUT {controller}/internal/storage/nodes/{nodeId}/chunks}: every chunk this node
 * holds, the authoritative list (a chunk not in it is not on this node). Sent after the first
 * successful heartbeat, every 5 minutes, and when the controller asks.
 */
public record ChunkReport(String nodeId, String zone, String baseUrl, Instant generatedAt, int chunkCount,
        long usedBytes, List<ChunkEntry> chunks) {
}
