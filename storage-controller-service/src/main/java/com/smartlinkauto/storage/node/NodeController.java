package com.smartlinkauto.storage.node;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.storage.RepairNeeded;
import com.smartlinkauto.storage.config.StorageProblems;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;

/** The storage nodes as the controller sees them; decommissioning; resetting a lost node's key. */
@RestController
@RequestMapping("/api/storage/nodes")
@Tag(name = "nodes")
class NodeController {

    private static final Logger log = LoggerFactory.getLogger(NodeController.class);

    private final NodeRegistry registry;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    NodeController(NodeRegistry registry, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.events = events;
    }

    /** A node with the replicas the controller has recorded on it. */
    record NodeView(@com.fasterxml.jackson.annotation.JsonUnwrapped StorageNode node, long replicas, long replicaBytes, long chunksOnlyHere) {
    }

    @GetMapping
    @Operation(summary = "Every node: declaration, usage from its last heartbeat, liveness and admin state")
    List<NodeView> nodes() {
        return registry.all().stream().map(this::view).toList();
    }

    @GetMapping("/{nodeId}")
    @Operation(summary = "One node; `chunksOnlyHere` counts chunks with no other live copy (a decommission waits for them)")
    NodeView node(@PathVariable @Pattern(regexp = StorageNode.ID_PATTERN, message = StorageNode.ID_MESSAGE)
            String nodeId) {
        return view(registry.require(nodeId));
    }

    @PostMapping("/{nodeId}/decommission")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Drain a node: no new placements, its chunks are copied elsewhere, then DECOMMISSIONED")
    @Transactional
    NodeView decommission(@PathVariable @Pattern(regexp = StorageNode.ID_PATTERN, message = StorageNode.ID_MESSAGE)
            String nodeId) {
        StorageNode node = registry.lock(nodeId).orElseThrow(() -> StorageProblems.nodeNotFound(nodeId));
        if (node.adminState() == StorageNode.AdminState.DECOMMISSIONED) {
            throw new ApiException(HttpStatus.CONFLICT, StorageProblems.ILLEGAL_NODE_STATE,
                    "Node " + nodeId + " is already decommissioned.");
        }
        jdbc.sql("update storage_node set admin_state = 'DECOMMISSIONING', state_changed_at = now() where node_id = ?"
                + " and admin_state = 'ACTIVE'").param(nodeId).update();
        events.publishEvent(new RepairNeeded("node " + nodeId + " decommissioning"));
        return view(registry.require(nodeId));
    }

    @PostMapping("/{nodeId}/reset-key")
    @Operation(summary = "Forget a DEAD or DECOMMISSIONED node's pinned key: its next heartbeat (from a rebuilt "
            + "node whose disk and node-key were lost) pins a new key and address. 409 for a live node.")
    @Transactional
    NodeView resetKey(@PathVariable String nodeId,
            @AuthenticationPrincipal Jwt admin) {
        StorageNode node = registry.lock(nodeId).orElseThrow(() -> StorageProblems.nodeNotFound(nodeId));
        if (node.state() != StorageNode.State.DEAD && node.adminState() != StorageNode.AdminState.DECOMMISSIONED) {
            throw new ApiException(HttpStatus.CONFLICT, StorageProblems.ILLEGAL_NODE_STATE, "Node " + nodeId
                    + " is " + node.state() + ": only a DEAD or DECOMMISSIONED node's key can be reset.");
        }
        jdbc.sql("update storage_node set key_hash = null, key_pinned_at = null where node_id = ?").param(nodeId)
                .update();
        log.warn("Admin {} reset the node key of storage node {} ({}): its next heartbeat pins a new key and address",
                admin == null ? "?" : admin.getSubject(), nodeId, node.state());
        return view(registry.require(nodeId));
    }

    private NodeView view(StorageNode node) {
        return jdbc.sql("""
                select count(*), coalesce(sum(c.size), 0),
                    count(*) filter (where not exists (
                        select 1 from chunk_replica o join storage_node m on m.node_id = o.node_id
                        where o.chunk_id = r.chunk_id and o.node_id <> r.node_id and o.status = 'COMPLETED'
                          and m.state <> 'DEAD' and m.admin_state = 'ACTIVE'))
                from chunk_replica r join chunk c on c.chunk_id = r.chunk_id
                where r.node_id = ? and r.status = 'COMPLETED'""").param(node.nodeId())
                .query((rs, row) -> new NodeView(node, rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
    }
}
