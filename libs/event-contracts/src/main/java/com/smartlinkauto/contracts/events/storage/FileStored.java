package com.smartlinkauto.contracts.events.storage;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * Payload of {@code FileStored} (schema version 1, aggregate id = file id): every chunk of the file has
 * at least one stored replica and the file is readable.
 *
 * @param replication the replication the file asked for
 * @param minReplicas the fewest stored replicas of any chunk when the upload finished (may be below
 *                    {@code replication} until the controller repairs it)
 */
public record FileStored(@NotNull UUID fileId, String name, String contentType, long size, @NotNull String sha256,
        int chunkSize, int chunkCount, int replication, int minReplicas, String ownerId, @NotNull Instant storedAt) {
}
