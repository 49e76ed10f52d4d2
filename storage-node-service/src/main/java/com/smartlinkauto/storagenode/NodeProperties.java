package com.smartlinkauto.storagenode;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * What a storage node declares about itself and how it talks to the rest of the network. The
 * capacity fields are the original {@code StorageVirtualNode}'s; here they are enforced (storage,
 * bandwidth) or reported (vCPUs, memory).
 *
 * @param id              stable node id ({@code SMARTLINK_NODE_ID}); blank: derived from a
 *                        StatefulSet host name ({@code storage-node-2} → {@code node-2}) or
 *                        generated once and kept in {@code <data-dir>/node-id}
 * @param zone            failure zone the controller spreads replicas across; blank: from the
 *                        StatefulSet ordinal ({@code zones[ordinal % zones.size()]}), else the first zone
 * @param zones           zones assigned round-robin to StatefulSet ordinals
 * @param dataDir         where chunks live; blank: {@code .smartlink/storage/<id>} under the working
 *                        directory ({@code /var/lib/smartlink/chunks} in the docker/kubernetes profiles)
 * @param vcpus           declared vCPUs (reported)
 * @param memoryGb        declared memory in GiB (reported)
 * @param storageGb       storage capacity in GiB (2^30 bytes); a PUT that would exceed it is a 507
 * @param bandwidthMbps   link speed in megabits per second (10^6 bit/s): 100 → 12.5 MB/s in and 12.5 MB/s out;
 *                        10000 (10 Gbps, the default: no brake on one host) unless a node declares less
 * @param throttle        whether transfers are held to {@code bandwidthMbps} (off only for benchmarks)
 * @param controllerUrl   the storage controller; a bare service name (no port, no dots) is looked up
 *                        in discovery first and falls back to DNS
 * @param advertisedUrl   the base URL other nodes and the controller use to reach this node; blank:
 *                        {@code http://<eureka-registered ip>:<server port>}
 * @param statefulSetName the StatefulSet whose pods' host names carry the ordinal
 */
@Validated
@ConfigurationProperties("smartlink.node")
public record NodeProperties(
        @DefaultValue("") @Pattern(regexp = "|[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?",
                message = "must be lowercase letters, digits and '-', at most 63 characters") String id,
        @DefaultValue("") @Pattern(regexp = "|[a-z0-9][a-z0-9-]{0,31}") String zone,
        @DefaultValue({ "a", "b", "c" }) @NotEmpty List<@Pattern(regexp = "[a-z0-9][a-z0-9-]{0,31}") String> zones,
        @DefaultValue("") String dataDir,
        @DefaultValue("2") @Min(1) @Max(4096) int vcpus,
        @DefaultValue("4") @DecimalMin("0.125") double memoryGb,
        @DefaultValue("10") @DecimalMin("0.0001") double storageGb,
        @DefaultValue("10000") @Min(1) @Max(1_000_000) int bandwidthMbps,
        @DefaultValue("true") boolean throttle,
        @DefaultValue("http://storage-controller-service") @NotNull URI controllerUrl,
        @DefaultValue("") @Pattern(regexp = "|https?://[^/?#]+") String advertisedUrl,
        @DefaultValue("storage-node") @NotNull String statefulSetName,
        @DefaultValue @Valid @NotNull Heartbeat heartbeat,
        @DefaultValue @Valid @NotNull Transfer transfer) {

    private static final long GIB = 1L << 30;

    /** Storage capacity in bytes. */
    public long capacityBytes() {
        return (long) Math.floor(storageGb * GIB);
    }

    /**
     * @param enabled            send heartbeats and chunk reports at all
     * @param interval           between heartbeats
     * @param fullReportInterval between full chunk reports (one is also sent after the first
     *                           successful heartbeat and whenever the controller asks)
     * @param connectTimeout     to the controller
     * @param readTimeout        for a heartbeat answer
     * @param reportTimeout      for a full report answer (reports can be large)
     */
    public record Heartbeat(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("3s") @NotNull Duration interval,
            @DefaultValue("5m") @NotNull Duration fullReportInterval,
            @DefaultValue("1s") @NotNull Duration connectTimeout,
            @DefaultValue("2s") @NotNull Duration readTimeout,
            @DefaultValue("30s") @NotNull Duration reportTimeout) {
    }

    /**
     * @param maxChunkSize       largest chunk accepted (413 above)
     * @param bufferSize         per-transfer copy buffer (memory per transfer; never a whole chunk)
     * @param connectTimeout     to a downstream node
     * @param responseTimeout    waiting for a downstream node's answer after the last byte
     * @param stallTimeout       a write to a downstream node blocked this long aborts that hop
     * @param maxPipelineTargets most nodes one PUT may name in {@code X-Replicate-To}
     */
    public record Transfer(
            @DefaultValue("64MB") @NotNull DataSize maxChunkSize,
            @DefaultValue("128KB") @NotNull DataSize bufferSize,
            @DefaultValue("2s") @NotNull Duration connectTimeout,
            @DefaultValue("60s") @NotNull Duration responseTimeout,
            @DefaultValue("30s") @NotNull Duration stallTimeout,
            @DefaultValue("8") @Min(1) @Max(16) int maxPipelineTargets) {

        public int bufferBytes() {
            return (int) Math.min(Math.max(bufferSize.toBytes(), 4096), 4L << 20);
        }
    }
}
