package com.smartlinkauto.storage.topology;

import java.util.List;
import java.util.Optional;

import com.smartlinkauto.storage.node.StorageNode;

/**
 * Plans the route of a node-to-node transfer: the widest path (highest bottleneck bandwidth) from source
 * to target with at most one relay, since a node's push can go through one intermediate node
 * ({@code POST /chunks/{id}/push} with {@code via}). Only LIVE nodes relay. The direct link wins ties: a
 * relay is used when the direct link is missing or strictly slower than the relay path. Among equally wide
 * relay paths the relay with the lowest id is taken, so a plan is repeatable.
 */
public final class RoutePlanner {

    private RoutePlanner() {
    }

    /** The route, or empty when the two nodes are not connected through at most one relay. */
    public static Optional<Route> plan(Topology topology, String source, String target) {
        if (source.equals(target)) {
            throw new IllegalArgumentException("source and target are the same node: " + source);
        }
        int best = topology.bandwidth(source, target);
        String relay = null;
        for (StorageNode node : topology.nodes()) {
            String candidate = node.nodeId();
            if (candidate.equals(source) || candidate.equals(target) || !topology.live(candidate)) {
                continue;
            }
            int width = Math.min(topology.bandwidth(source, candidate), topology.bandwidth(candidate, target));
            if (width > best) {
                best = width;
                relay = candidate;
            }
        }
        if (best <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Route(relay == null ? List.of(source, target) : List.of(source, relay, target), best));
    }
}
