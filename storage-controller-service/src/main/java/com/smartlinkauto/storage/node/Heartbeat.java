package com.smartlinkauto.storage.node;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.smartlinkauto.servicedefaults.validation.CleanText;
import com.smartlinkauto.servicedefaults.validation.SaneInstant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A node's heartbeat (storage-node-service/README.md, "Controller contract"). Nodes only ever add
 * fields, so unknown ones are ignored. {@code knownNodesVersion}: the version of the registered-node list the
 * node holds (the answer carries the list when it differs). The node's key comes in the {@code X-Node-Key}
 * header.
 * <p>
 * {@code startedAt} is kept at the database's precision (microseconds, truncated): a node's clock gives
 * nanoseconds, and the stored start time is compared with every heartbeat's to tell a restarted node (which must
 * send its full chunk report) from the same process.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Heartbeat(
        @NotBlank @Pattern(regexp = StorageNode.ID_PATTERN) String nodeId,
        @NotBlank @CleanText(max = 32) String zone,
        @NotBlank @Size(max = 255) @Pattern(regexp = "https?://[^/?#\\s]+") String baseUrl,
        @Min(1) int vcpus,
        @PositiveOrZero double memoryGb,
        @PositiveOrZero double storageGb,
        @Min(1) @Max(1_000_000) int bandwidthMbps,
        @PositiveOrZero long capacityBytes,
        @PositiveOrZero long usedBytes,
        @PositiveOrZero long freeBytes,
        @PositiveOrZero long chunkCount,
        @PositiveOrZero int activeTransfers,
        @PositiveOrZero long bytesIn,
        @PositiveOrZero long bytesOut,
        @Size(max = 100_000) List<@Pattern(regexp = "[0-9a-f]{64}") String> corruptChunks,
        @NotNull @SaneInstant Instant startedAt,
        @SaneInstant Instant sentAt,
        @Size(max = 64) @Pattern(regexp = "[0-9A-Za-z_-]*") String knownNodesVersion) {

    public Heartbeat {
        startedAt = startedAt == null ? null : startedAt.truncatedTo(ChronoUnit.MICROS);
    }
}
