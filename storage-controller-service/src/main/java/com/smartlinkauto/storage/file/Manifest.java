package com.smartlinkauto.storage.file;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A file's manifest: its chunks in order and, for each, the nodes holding a stored (COMPLETED) copy;
 * {@code copies} adds every copy's transfer status.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(UUID fileId, String name, String contentType, long size, String sha256, int chunkSize,
        int replication, String status, Instant createdAt, Instant completedAt, List<Chunk> chunks,
        List<String> warnings) {

    public record Chunk(int index, String chunkId, int size, long offset, List<String> replicas, List<Copy> copies) {
    }

    public record Copy(String nodeId, String status) {
    }
}
