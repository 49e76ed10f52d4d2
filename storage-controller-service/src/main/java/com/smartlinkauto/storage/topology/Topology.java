package com.smartlinkauto.storage.topology;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.smartlinkauto.storage.node.StorageNode;

/**
 * The network between the storage nodes at one moment, as routes are planned on it:
 * <ul>
 * <li>{@link Mode#MESH} while no link is defined: every pair of live nodes is connected, at the lower of
 * their declared bandwidths;</li>
 * <li>{@link Mode#LINKS} once links are defined: only those links exist.</li>
 * </ul>
 * A link is usable only when both its ends are LIVE, and never faster than either end's declared bandwidth
 * (each node throttles its transfers to it). Pure: built from rows, no Spring, no database.
 */
public final class Topology {

    public enum Mode {
        MESH, LINKS
    }

    /** A connection as routes see it: its declared speed, whether it is usable now and at what speed. */
    public record Edge(String nodeA, String nodeB, int bandwidthMbps, boolean defined, boolean up, int effectiveMbps) {
    }

    private final Map<String, StorageNode> nodes;
    private final Map<Link.Ends, Integer> links;

    private Topology(Map<String, StorageNode> nodes, Map<Link.Ends, Integer> links) {
        this.nodes = nodes;
        this.links = links;
    }

    public static Topology of(Collection<StorageNode> nodes, Collection<Link> links) {
        Map<String, StorageNode> byId = new TreeMap<>();
        nodes.forEach(node -> byId.put(node.nodeId(), node));
        Map<Link.Ends, Integer> defined = new LinkedHashMap<>();
        links.forEach(link -> defined.put(Link.Ends.of(link.nodeA(), link.nodeB()), link.bandwidthMbps()));
        return new Topology(Collections.unmodifiableMap(byId), Collections.unmodifiableMap(defined));
    }

    public Mode mode() {
        return links.isEmpty() ? Mode.MESH : Mode.LINKS;
    }

    /** Every known node, by id. */
    public Collection<StorageNode> nodes() {
        return nodes.values();
    }

    public StorageNode node(String nodeId) {
        return nodes.get(nodeId);
    }

    public boolean live(String nodeId) {
        StorageNode node = nodes.get(nodeId);
        return node != null && node.state() == StorageNode.State.LIVE;
    }

    /** The speed data can move between two nodes now, Mbps; 0 when they are not connected or one is not live. */
    public int bandwidth(String a, String b) {
        if (a.equals(b) || !live(a) || !live(b)) {
            return 0;
        }
        int ends = Math.min(nodes.get(a).bandwidthMbps(), nodes.get(b).bandwidthMbps());
        if (mode() == Mode.MESH) {
            return Math.max(ends, 0);
        }
        Integer link = links.get(Link.Ends.of(a, b));
        return link == null ? 0 : Math.max(Math.min(link, ends), 0);
    }

    /** The connections: the defined links, or in mesh mode one per pair of live nodes. */
    public List<Edge> edges() {
        List<Edge> edges = new ArrayList<>();
        if (mode() == Mode.LINKS) {
            links.forEach((ends, mbps) -> {
                int effective = bandwidth(ends.nodeA(), ends.nodeB());
                edges.add(new Edge(ends.nodeA(), ends.nodeB(), mbps, true, effective > 0, effective));
            });
            return edges;
        }
        List<String> live = nodes.keySet().stream().filter(this::live).toList();
        for (int i = 0; i < live.size(); i++) {
            for (int j = i + 1; j < live.size(); j++) {
                int effective = bandwidth(live.get(i), live.get(j));
                edges.add(new Edge(live.get(i), live.get(j), effective, false, effective > 0, effective));
            }
        }
        return edges;
    }
}
