package com.smartlinkauto.storage.transfer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A transfer as the API shows it.
 *
 * @param route          the route planned when the transfer was created (node ids; a relay in the middle)
 * @param bottleneckMbps the planned route's slowest hop
 * @param bytes          chunk bytes the target received (chunks it already held count 0)
 * @param chunks         per chunk; left out of list pages
 */
record TransferView(UUID transferId, UUID fileId, String sourceNodeId, String targetNodeId, TransferMode mode,
        TransferStatus status, List<String> route, Integer bottleneckMbps, int chunkCount, int completedChunks,
        int failedChunks, long bytes, @JsonInclude(JsonInclude.Include.NON_NULL) List<ChunkView> chunks,
        Instant createdAt, Instant startedAt, Instant finishedAt, String error) {

    /**
     * One chunk of the transfer.
     *
     * @param route      the route the source node reported for the copy that succeeded (or was last tried):
     *                   node ids (a node's URL when no known node has it); null when no copy was needed
     * @param durationMs the source node's time for that copy
     */
    record ChunkView(int index, String chunkId, int size, TransferStatus status, int attempts, long bytes,
            List<String> route, Long durationMs, String error) {
    }

    TransferView withChunks(List<ChunkView> chunks) {
        return new TransferView(transferId, fileId, sourceNodeId, targetNodeId, mode, status, route, bottleneckMbps,
                chunkCount, completedChunks, failedChunks, bytes, chunks, createdAt, startedAt, finishedAt, error);
    }
}
