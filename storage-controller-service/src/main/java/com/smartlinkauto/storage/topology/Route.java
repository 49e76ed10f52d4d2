package com.smartlinkauto.storage.topology;

import java.util.List;

/**
 * A planned path between two nodes: {@code [source, target]} or {@code [source, relay, target]}.
 *
 * @param nodeIds        the nodes the bytes pass, in order
 * @param bottleneckMbps the slowest hop's speed
 */
public record Route(List<String> nodeIds, int bottleneckMbps) {

    public Route {
        nodeIds = List.copyOf(nodeIds);
        if (nodeIds.size() < 2 || nodeIds.size() > 3) {
            throw new IllegalArgumentException("a route has a source, at most one relay and a target: " + nodeIds);
        }
    }

    public String source() {
        return nodeIds.get(0);
    }

    public String target() {
        return nodeIds.get(nodeIds.size() - 1);
    }

    /** The relay node, or null for the direct link. */
    public String relay() {
        return nodeIds.size() == 3 ? nodeIds.get(1) : null;
    }
}
