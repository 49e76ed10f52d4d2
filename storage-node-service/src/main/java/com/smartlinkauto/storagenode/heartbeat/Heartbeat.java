package com.smartlinkauto.storagenode.heartbeat;

import java.time.Instant;
import java.util.List;

import com.smartlinkauto.storagenode.status.NodeStatus;

/**
 * Body of {@code POST {controller}/internal/storage/nodes/{nodeId}/heartbeat}, every 3 s. The
 * contract the controller implements (storage-node-service/README.md); fields are only ever added.
 *
 * @param corruptChunks chunks found corrupted since the last acknowledged heartbeat (quarantined here;
 *                      re-replicate them from another copy)
 * @param startedAt     when this node process started: a change means it restarted
 * @param sentAt        when this heartbeat was built
 * @param knownNodesVersion the version of the registered-node list this node holds (null: none yet); the
 *                      controller sends the list again only when its own version differs
 */
public record Heartbeat(String nodeId, String zone, String baseUrl, int vcpus, double memoryGb, double storageGb,
        int bandwidthMbps, long capacityBytes, long usedBytes, long freeBytes, int chunkCount, int activeTransfers,
        long bytesIn, long bytesOut, List<String> corruptChunks, Instant startedAt, Instant sentAt,
        String knownNodesVersion) {

    static Heartbeat of(NodeStatus status, List<String> corruptChunks, Instant now, String knownNodesVersion) {
        return new Heartbeat(status.nodeId(), status.zone(), status.baseUrl(), status.vcpus(), status.memoryGb(),
                status.storageGb(), status.bandwidthMbps(), status.capacityBytes(), status.usedBytes(),
                status.freeBytes(), status.chunkCount(), status.activeTransfers(), status.bytesIn(), status.bytesOut(),
                corruptChunks, status.startedAt(), now, knownNodesVersion);
    }
}
