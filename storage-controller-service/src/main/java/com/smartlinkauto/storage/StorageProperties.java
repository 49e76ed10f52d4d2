package com.smartlinkauto.storage;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Tuning of the storage controller ({@code smartlink.storage.*}; shared values in
 * config-repo/storage-controller-service.yml).
 *
 * @param memoryBudget how much chunk data all uploads and downloads together may hold in memory at once
 *                     (each chunk in flight holds one buffer of its size); requests wait for room
 */
@Validated
@ConfigurationProperties("smartlink.storage")
public record StorageProperties(
        @DefaultValue("192MB") @NotNull DataSize memoryBudget,
        @DefaultValue @Valid @NotNull Liveness liveness,
        @DefaultValue @Valid @NotNull Upload upload,
        @DefaultValue @Valid @NotNull Download download,
        @DefaultValue @Valid @NotNull Repair repair,
        @DefaultValue @Valid @NotNull Gc gc,
        @DefaultValue @Valid @NotNull Nodes nodes,
        @DefaultValue @Valid @NotNull Transfers transfers) {

    /**
     * @param staleAfter    a node silent this long gets no new placements
     * @param deadAfter     a node silent this long is dead: its replicas no longer count and are re-replicated
     * @param checkInterval how often the liveness job looks
     */
    public record Liveness(@DefaultValue("10s") @NotNull Duration staleAfter,
            @DefaultValue("30s") @NotNull Duration deadAfter,
            @DefaultValue("2s") @NotNull Duration checkInterval) {
    }

    /**
     * @param defaultReplication replication when the request names none (fewer when fewer nodes are live)
     * @param defaultChunkSize   chunk size when the request names none
     * @param maxFileSize        largest accepted upload
     * @param parallelism        chunks of one upload written to the nodes at the same time
     * @param attempts           write attempts per chunk (each to other nodes) before the upload fails
     * @param retryBackoff       wait before the second attempt, doubled for each further one
     */
    public record Upload(@DefaultValue("3") @Min(1) @Max(5) int defaultReplication,
            @DefaultValue("4MB") @NotNull DataSize defaultChunkSize,
            @DefaultValue("16GB") @NotNull DataSize maxFileSize,
            @DefaultValue("3") @Min(1) @Max(16) int parallelism,
            @DefaultValue("3") @Min(1) @Max(10) int attempts,
            @DefaultValue("200ms") @NotNull Duration retryBackoff) {
    }

    /** @param readAhead chunks of one download fetched from the nodes ahead of the one being sent */
    public record Download(@DefaultValue("3") @Min(1) @Max(16) int readAhead) {
    }

    /**
     * @param interval        the longest time between two repair rounds (the sweep that finds work another
     *                        controller instance left); a round also runs as soon as this instance sees a change
     *                        that may need copies (a node dead, back or decommissioning, a replica dropped or
     *                        corrupt, a file stored short of its replication) and after a failed copy's back-off
     * @param tick            how often the job checks whether a round is due (no query, no lock when it is not)
     * @param perNode         copies one node may take part in at once (as source or target)
     * @param global          copies in flight across the network
     * @param batch           chunks considered per round
     * @param backoff         first wait after a failed copy of a chunk to a node, doubled per attempt
     * @param maxBackoff      longest wait between attempts
     * @param inFlightTimeout a copy still PENDING/IN_PROGRESS after this long (controller died) is FAILED
     */
    public record Repair(@DefaultValue("10s") @NotNull Duration interval,
            @DefaultValue("200ms") @NotNull Duration tick,
            @DefaultValue("4") @Min(1) @Max(64) int perNode,
            @DefaultValue("12") @Min(1) @Max(256) int global,
            @DefaultValue("500") @Min(1) @Max(10000) int batch,
            @DefaultValue("2s") @NotNull Duration backoff,
            @DefaultValue("2m") @NotNull Duration maxBackoff,
            @DefaultValue("5m") @NotNull Duration inFlightTimeout) {
    }

    /**
     * @param interval              how often orphaned chunks are collected
     * @param grace                 how long a chunk stays unreferenced before its replicas are deleted
     * @param abandonedUploadAfter  an upload still in progress after this long (its controller died) is failed
     */
    public record Gc(@DefaultValue("10s") @NotNull Duration interval,
            @DefaultValue("30s") @NotNull Duration grace,
            @DefaultValue("1h") @NotNull Duration abandonedUploadAfter) {
    }

    /**
     * @param connectTimeout connecting to a node
     * @param requestTimeout a whole chunk request (write pipeline, read, push) to a node
     */
    public record Nodes(@DefaultValue("2s") @NotNull Duration connectTimeout,
            @DefaultValue("120s") @NotNull Duration requestTimeout) {
    }

    /**
     * @param parallelism chunks of one transfer copied at the same time
     * @param attempts    attempts per chunk before the chunk is FAILED
     * @param backoff     wait before the second attempt, doubled for each further one
     */
    public record Transfers(@DefaultValue("2") @Min(1) @Max(16) int parallelism,
            @DefaultValue("3") @Min(1) @Max(10) int attempts,
            @DefaultValue("500ms") @NotNull Duration backoff) {
    }
}
