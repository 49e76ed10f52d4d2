package com.smartlinkauto.storage.topology;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.storage.node.StorageNode;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** The network's topology: links between nodes (with bandwidth) and the view routes are planned on. */
@RestController
@RequestMapping("/api/storage")
@Validated
@Tag(name = "topology")
class TopologyController {

    private final TopologyService topology;

    TopologyController(TopologyService topology) {
        this.topology = topology;
    }

    @PostMapping("/links")
    @Operation(summary = "Define a link between two known nodes, or change its bandwidth",
            description = "Links are undirected (stored with nodeA < nodeB). 201 when new, 200 when an existing "
                    + "link's bandwidth was updated. Once any link exists only defined links carry transfers; "
                    + "without links the network is a full mesh of the live nodes.")
    ResponseEntity<Link> create(@Valid @RequestBody LinkRequest request) {
        LinkStore.Saved saved = topology.save(request);
        if (!saved.created()) {
            return ResponseEntity.ok(saved.link());
        }
        Link link = saved.link();
        return ResponseEntity.created(URI.create("/api/storage/links?nodeA=" + encode(link.nodeA()) + "&nodeB="
                + encode(link.nodeB()))).body(link);
    }

    @GetMapping("/links")
    @Operation(summary = "The defined links, by nodeA then nodeB")
    List<Link> links() {
        return topology.links();
    }

    @DeleteMapping("/links")
    @Operation(summary = "Remove a link (either order of the two nodes); 404 when there is none")
    ResponseEntity<Void> delete(
            @RequestParam @NotBlank @Pattern(regexp = StorageNode.ID_PATTERN, message = StorageNode.ID_MESSAGE) String nodeA,
            @RequestParam @NotBlank @Pattern(regexp = StorageNode.ID_PATTERN, message = StorageNode.ID_MESSAGE) String nodeB) {
        topology.delete(nodeA, nodeB);
        return ResponseEntity.noContent().build();
    }

    /** A node as the topology shows it. */
    record NodeView(String nodeId, String zone, StorageNode.State state, StorageNode.AdminState adminState,
            int bandwidthMbps, String baseUrl) {
    }

    /**
     * @param mode  MESH (no link defined: every pair of live nodes is connected at the lower of their
     *              bandwidths) or LINKS (only the defined links exist)
     * @param links the defined links, or in MESH mode the implicit ones between live nodes; {@code up} when
     *              both ends are LIVE, {@code effectiveMbps} capped by both ends' declared bandwidth
     */
    record TopologyView(Topology.Mode mode, List<NodeView> nodes, List<Topology.Edge> links) {
    }

    @GetMapping("/topology")
    @Operation(summary = "Nodes, links and mode (MESH or LINKS) as transfer routes are planned on them")
    TopologyView topology() {
        Topology current = topology.current();
        List<NodeView> nodes = current.nodes().stream().map(node -> new NodeView(node.nodeId(), node.zone(),
                node.state(), node.adminState(), node.bandwidthMbps(), node.baseUrl())).toList();
        return new TopologyView(current.mode(), nodes, current.edges());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
