package com.smartlinkauto.storage.node;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.smartlinkauto.storage.config.StorageProblems;

/** The {@code storage_node} table. */
@Repository
public class NodeRegistry {

    static final String COLUMNS = "node_id, zone, base_url, vcpus, memory_gb, storage_gb, bandwidth_mbps, capacity_bytes, "
            + "used_bytes, free_bytes, chunk_count, active_transfers, bytes_in, bytes_out, rate_in_bps, rate_out_bps, started_at, state, admin_state, "
            + "state_changed_at, first_seen_at, last_heartbeat_at, last_report_at";

    private final JdbcClient jdbc;

    NodeRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<StorageNode> all() {
        return jdbc.sql("select " + COLUMNS + " from storage_node order by node_id").query(NodeRegistry::map).list();
    }

    public Optional<StorageNode> find(String nodeId) {
        return jdbc.sql("select " + COLUMNS + " from storage_node where node_id = ?").param(nodeId)
                .query(NodeRegistry::map).optional();
    }

    Optional<StorageNode> lock(String nodeId) {
        return jdbc.sql("select " + COLUMNS + " from storage_node where node_id = ? for update").param(nodeId)
                .query(NodeRegistry::map).optional();
    }

    /** Nodes that may receive new replicas now. */
    public List<StorageNode> placeable() {
        return jdbc.sql("select " + COLUMNS + " from storage_node where state = 'LIVE' and admin_state = 'ACTIVE'")
                .query(NodeRegistry::map).list();
    }

    /** The SHA-256 (hex) of the node's pinned key; empty when the node is unknown, null inside when none is pinned. */
    Optional<java.util.Optional<String>> keyHash(String nodeId) {
        return jdbc.sql("select key_hash from storage_node where node_id = ?").param(nodeId)
                .query((rs, row) -> java.util.Optional.ofNullable(rs.getString("key_hash"))).optional();
    }

    /** A registered node's address, as nodes learn it (pipeline and push targets). */
    public record Address(String nodeId, String baseUrl) {
    }

    /** Every node not decommissioned, by id: the places nodes may send chunks to. */
    public List<Address> addresses() {
        return jdbc.sql("select node_id, base_url from storage_node where admin_state <> 'DECOMMISSIONED' order by node_id")
                .query((rs, row) -> new Address(rs.getString("node_id"), rs.getString("base_url"))).list();
    }

    public StorageNode require(String nodeId) {
        return find(nodeId).orElseThrow(() -> StorageProblems.nodeNotFound(nodeId));
    }

    static StorageNode map(ResultSet rs, int row) throws SQLException {
        return new StorageNode(rs.getString("node_id"), rs.getString("zone"), rs.getString("base_url"),
                rs.getInt("vcpus"), rs.getDouble("memory_gb"), rs.getDouble("storage_gb"), rs.getInt("bandwidth_mbps"),
                rs.getLong("capacity_bytes"), rs.getLong("used_bytes"), rs.getLong("free_bytes"),
                rs.getLong("chunk_count"), rs.getInt("active_transfers"), rs.getLong("bytes_in"),
                rs.getLong("bytes_out"), rs.getLong("rate_in_bps"), rs.getLong("rate_out_bps"), instant(rs, "started_at"), StorageNode.State.valueOf(rs.getString("state")),
                StorageNode.AdminState.valueOf(rs.getString("admin_state")), instant(rs, "state_changed_at"),
                instant(rs, "first_seen_at"), instant(rs, "last_heartbeat_at"), instant(rs, "last_report_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
