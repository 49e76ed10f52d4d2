package com.smartlinkauto.storage.node;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

/**
 * Where storage nodes report in: heartbeats every 3 s and full chunk reports, each with the node's key
 * ({@code X-Node-Key}); and the list of registered nodes, the only places nodes send chunks to. Service tokens of
 * storage-node-service only (config.SecurityConfiguration).
 */
@RestController
@Validated
@Tag(name = "internal: node reports")
class InternalNodeController {

    static final String PATH = "/internal/storage/nodes";

    private final NodeReports reports;
    private final NodeRegistry registry;

    /**
     * A report or heartbeat that lost a lock conflict (deadlock, a chunk deleted under it) is simply run
     * again: the node would otherwise resend it only after its retry interval.
     */
    private final RetryTemplate retry = RetryTemplate.builder()
            .maxAttempts(3)
            .exponentialBackoff(50, 2, 500)
            .retryOn(List.of(PessimisticLockingFailureException.class, DataIntegrityViolationException.class))
            .traversingCauses()
            .build();

    InternalNodeController(NodeReports reports, NodeRegistry registry) {
        this.reports = reports;
        this.registry = registry;
    }

    @PostMapping(PATH + "/{nodeId}/heartbeat")
    @Operation(summary = "A node's heartbeat; answers {requestFullReport, nodesVersion} and, when the node's "
            + "knownNodesVersion differs, the registered nodes {nodes: [{nodeId, baseUrl}]}",
            description = "The first heartbeat of a node id pins its X-Node-Key (and so its address); a heartbeat "
                    + "for that id with another or no key is 403 node-key-mismatch and changes nothing. A new node "
                    + "without a key is 400 node-key-required.")
    Map<String, Object> heartbeat(@PathVariable @Pattern(regexp = StorageNode.ID_PATTERN) String nodeId, @Valid @RequestBody Heartbeat heartbeat,
            @Parameter(description = "the node's key (64 hex digits), from node-key in its data directory")
            @RequestHeader(name = NodeKeys.HEADER, required = false) String nodeKey) {
        sameNode(nodeId, heartbeat.nodeId());
        boolean requestReport = retry.execute(context -> reports.heartbeat(heartbeat, nodeKey));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("requestFullReport", requestReport);
        NodeList nodes = nodeList();
        answer.put("nodesVersion", nodes.nodesVersion());
        if (!nodes.nodesVersion().equals(heartbeat.knownNodesVersion())) {
            answer.put("nodes", nodes.nodes());
        }
        return answer;
    }

    @PutMapping(PATH + "/{nodeId}/chunks")
    @Operation(summary = "A node's full chunk report (authoritative: a chunk not listed is not on the node); "
            + "403 node-key-mismatch without the node's pinned key")
    Map<String, Object> report(@PathVariable @Pattern(regexp = StorageNode.ID_PATTERN) String nodeId, @Valid @RequestBody ChunkReport report,
            @RequestHeader(name = NodeKeys.HEADER, required = false) String nodeKey) {
        sameNode(nodeId, report.nodeId());
        return retry.execute(context -> reports.fullReport(report, nodeKey)).asMap();
    }

    /** The registered nodes and a version of the list (equal versions: equal lists). */
    record NodeList(String nodesVersion, List<NodeRegistry.Address> nodes) {
    }

    @GetMapping(PATH)
    @Operation(summary = "The registered nodes' addresses (not decommissioned): where nodes may send chunks")
    NodeList nodeList() {
        List<NodeRegistry.Address> nodes = registry.addresses();
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (NodeRegistry.Address node : nodes) {
                digest.update((node.nodeId() + " " + node.baseUrl() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return new NodeList(HexFormat.of().formatHex(digest.digest()).substring(0, 16), nodes);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void sameNode(String path, String body) {
        if (!path.equals(body)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION,
                    "The node id in the path (" + path + ") differs from the body's (" + body + ").");
        }
    }
}
