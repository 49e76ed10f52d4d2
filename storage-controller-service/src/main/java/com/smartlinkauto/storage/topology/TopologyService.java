package com.smartlinkauto.storage.topology;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;
import com.smartlinkauto.storage.config.StorageProblems;
import com.smartlinkauto.storage.node.NodeRegistry;

/** The topology: links between nodes, and the network routes are planned on. */
@Service
public class TopologyService {

    static final URI LINK_NOT_FOUND = ProblemTypes.of("link-not-found");

    private final LinkStore links;
    private final NodeRegistry registry;

    TopologyService(LinkStore links, NodeRegistry registry) {
        this.links = links;
        this.registry = registry;
    }

    /** The network now: every known node with its state, and the links (or the implicit mesh). */
    public Topology current() {
        return Topology.of(registry.all(), links.all());
    }

    /** The widest route from source to target through at most one relay, on the network now. */
    public Optional<Route> route(String source, String target) {
        return RoutePlanner.plan(current(), source, target);
    }

    /** 409 {@code no-route}. */
    public static ApiException noRoute(String source, String target, Topology.Mode mode) {
        return new ApiException(HttpStatus.CONFLICT, StorageProblems.NO_ROUTE,
                "No route from " + source + " to " + target + " over live nodes with at most one relay"
                        + (mode == Topology.Mode.LINKS ? " (only the defined links exist)." : "."),
                Map.of("sourceNodeId", source, "targetNodeId", target, "mode", mode.name()));
    }

    @Transactional
    LinkStore.Saved save(LinkRequest request) {
        Link.Ends ends = request.ends();
        registry.require(ends.nodeA());
        registry.require(ends.nodeB());
        return links.save(ends, request.bandwidthMbps());
    }

    List<Link> links() {
        return links.all();
    }

    void delete(String nodeA, String nodeB) {
        Link.Ends ends = LinkRequest.ends(nodeA, nodeB);
        if (!links.delete(ends)) {
            throw new ApiException(HttpStatus.NOT_FOUND, LINK_NOT_FOUND,
                    "No link between " + ends.nodeA() + " and " + ends.nodeB() + ".",
                    Map.of("nodeA", ends.nodeA(), "nodeB", ends.nodeB()));
        }
    }
}
