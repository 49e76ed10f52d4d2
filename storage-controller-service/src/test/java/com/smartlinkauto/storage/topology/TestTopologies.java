package com.smartlinkauto.storage.topology;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import com.smartlinkauto.storage.node.StorageNode;

/** Nodes and links for the planner's unit tests. */
final class TestTopologies {

    private TestTopologies() {
    }

    static StorageNode node(String id, int mbps) {
        return node(id, mbps, StorageNode.State.LIVE);
    }

    static StorageNode node(String id, int mbps, StorageNode.State state) {
        Instant now = Instant.now();
        return new StorageNode(id, "a", "http://127.0.0.1:" + (9100 + Math.abs(id.hashCode() % 800)), 2, 4, 10, mbps,
                10L << 30, 0, 10L << 30, 0, 0, 0, 0, 0, 0, now, state, StorageNode.AdminState.ACTIVE, now, now, now,
                now);
    }

    static Link link(String a, String b, int mbps) {
        Link.Ends ends = Link.Ends.of(a, b);
        return new Link(ends.nodeA(), ends.nodeB(), mbps, Instant.now());
    }

    static Topology topology(List<StorageNode> nodes, Link... links) {
        return Topology.of(nodes, Arrays.asList(links));
    }
}
