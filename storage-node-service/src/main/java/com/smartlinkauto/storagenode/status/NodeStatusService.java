package com.smartlinkauto.storagenode.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.smartlinkauto.storagenode.NodeProperties;
import com.smartlinkauto.storagenode.chunk.ChunkStore;
import com.smartlinkauto.storagenode.node.AdvertisedUrl;
import com.smartlinkauto.storagenode.node.NodeIdentity;
import com.smartlinkauto.storagenode.throttle.NodeBandwidth;

/** Takes {@link NodeStatus} snapshots. */
public class NodeStatusService {

    private final NodeIdentity identity;
    private final NodeProperties properties;
    private final ChunkStore store;
    private final NodeBandwidth bandwidth;
    private final AdvertisedUrl self;
    private final Clock clock;
    private final Instant startedAt;

    public NodeStatusService(NodeIdentity identity, NodeProperties properties, ChunkStore store,
            NodeBandwidth bandwidth, AdvertisedUrl self, Clock clock) {
        this.identity = identity;
        this.properties = properties;
        this.store = store;
        this.bandwidth = bandwidth;
        this.self = self;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    public NodeStatus snapshot() {
        Instant now = clock.instant();
        return new NodeStatus(identity.id(), identity.zone(), String.valueOf(self.get()), properties.vcpus(),
                properties.memoryGb(), properties.storageGb(), properties.bandwidthMbps(), properties.throttle(),
                store.capacityBytes(), store.usedBytes(), store.freeBytes(), store.quarantinedBytes(),
                store.chunkCount(), bandwidth.activeTransfers(), bandwidth.in().totalBytes(),
                bandwidth.out().totalBytes(), startedAt, Duration.between(startedAt, now).toSeconds());
    }
}
