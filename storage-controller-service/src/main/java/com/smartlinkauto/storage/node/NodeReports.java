package com.smartlinkauto.storage.node;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.contracts.events.storage.NodeJoined;
import com.smartlinkauto.contracts.events.storage.StorageEventTypes;
import com.smartlinkauto.storage.RepairNeeded;
import com.smartlinkauto.storage.config.StorageProblems;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Takes in what the nodes report: heartbeats (liveness, usage, corrupted copies) and full chunk
 * reports, which reconcile the controller's replica map with what is really on each disk.
 */
@Service
public class NodeReports {

    private static final Logger log = LoggerFactory.getLogger(NodeReports.class);

    /** A replica recorded this shortly before a report was generated may be missing from it only by timing. */
    private static final Duration REPORT_MARGIN = Duration.ofSeconds(10);

    private final NodeRegistry registry;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final NodeClient nodes;
    private final Executor background;
    private final MeterRegistry meters;

    NodeReports(NodeRegistry registry, JdbcClient jdbc, ApplicationEventPublisher events, NodeClient nodes,
            TaskExecutor applicationTaskExecutor, MeterRegistry meters) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.events = events;
        this.nodes = nodes;
        this.background = applicationTaskExecutor;
        this.meters = meters;
    }

    /**
     * Records a heartbeat; true when the node should send its full chunk report now. The first heartbeat of a
     * node id pins its key ({@code X-Node-Key}, kept as a SHA-256); a later heartbeat for that id without the
     * matching key is refused with 403 and changes nothing (no new address, its corrupt-chunk list ignored).
     */
    @Transactional
    public boolean heartbeat(Heartbeat hb, String nodeKey) {
        StorageNode existing = registry.lock(hb.nodeId()).orElse(null);
        if (existing == null) {
            if (!NodeKeys.wellFormed(nodeKey)) {
                throw NodeKeys.required();
            }
            Map<String, Object> insert = params(hb);
            insert.put("keyHash", NodeKeys.hash(nodeKey));
            int inserted = jdbc.sql("""
                    insert into storage_node (node_id, zone, base_url, vcpus, memory_gb, storage_gb, bandwidth_mbps,
                        capacity_bytes, used_bytes, free_bytes, chunk_count, active_transfers, bytes_in, bytes_out,
                        started_at, state, state_changed_at, first_seen_at, last_heartbeat_at, report_requested,
                        key_hash, key_pinned_at)
                    values (:nodeId, :zone, :baseUrl, :vcpus, :memoryGb, :storageGb, :bandwidthMbps, :capacityBytes,
                        :usedBytes, :freeBytes, :chunkCount, :activeTransfers, :bytesIn, :bytesOut, :startedAt,
                        'LIVE', now(), now(), now(), true, :keyHash, now())
                    on conflict (node_id) do nothing""").params(insert).update();
            if (inserted == 0) {
                return heartbeat(hb, nodeKey);   // a concurrent first heartbeat won: check against its key
            }
            log.info("Storage node {} joined: zone {}, {}, {} bytes, {} Mbps", hb.nodeId(), hb.zone(), hb.baseUrl(),
                    hb.capacityBytes(), hb.bandwidthMbps());
            publishJoined(hb, false);
            meters.counter("smartlink.storage.node.events", "event", "joined").increment();
            dropCorrupt(hb);
            return true;
        }
        checkKey(hb.nodeId(), nodeKey, hb.baseUrl(), "heartbeat");
        boolean returned = existing.state() == StorageNode.State.DEAD;
        boolean restarted = !Objects.equals(existing.startedAt(), hb.startedAt());
        boolean moved = !existing.baseUrl().equals(hb.baseUrl());
        Map<String, Object> p = params(hb);
        p.put("requestReport", returned || restarted || moved || existing.lastReportAt() == null);
        boolean requested = jdbc.sql("""
                update storage_node set zone = :zone, base_url = :baseUrl, vcpus = :vcpus, memory_gb = :memoryGb,
                    storage_gb = :storageGb, bandwidth_mbps = :bandwidthMbps, capacity_bytes = :capacityBytes,
                    used_bytes = :usedBytes, free_bytes = :freeBytes, chunk_count = :chunkCount,
                    active_transfers = :activeTransfers,
                    rate_in_bps = case when started_at = :startedAt and :bytesIn >= bytes_in then
                        ((:bytesIn - bytes_in) / greatest(extract(epoch from now() - last_heartbeat_at), 0.5))::bigint
                        else 0 end,
                    rate_out_bps = case when started_at = :startedAt and :bytesOut >= bytes_out then
                        ((:bytesOut - bytes_out) / greatest(extract(epoch from now() - last_heartbeat_at), 0.5))::bigint
                        else 0 end,
                    bytes_in = :bytesIn, bytes_out = :bytesOut, started_at = :startedAt,
                    state_changed_at = case when state <> 'LIVE' then now() else state_changed_at end,
                    state = 'LIVE', last_heartbeat_at = now(),
                    report_requested = report_requested or :requestReport
                where node_id = :nodeId
                returning report_requested""").params(p).query(Boolean.class).single();
        if (returned) {
            log.info("Storage node {} is back after it was declared dead; reconciling its chunks", hb.nodeId());
            publishJoined(hb, true);
            meters.counter("smartlink.storage.node.events", "event", "returned").increment();
        }
        else if (existing.state() == StorageNode.State.STALE) {
            log.info("Storage node {} is live again", hb.nodeId());
        }
        dropCorrupt(hb);
        return requested;
    }

    /**
     * The node's key must match the pinned one. A node without a pinned key (registered before keys existed, or
     * reset by an admin) gets the presented key pinned now.
     */
    private void checkKey(String nodeId, String nodeKey, String from, String what) {
        String pinned = registry.keyHash(nodeId).orElseThrow(() -> StorageProblems.nodeNotFound(nodeId)).orElse(null);
        if (pinned == null && NodeKeys.wellFormed(nodeKey) && "heartbeat".equals(what)) {
            jdbc.sql("update storage_node set key_hash = ?, key_pinned_at = now() where node_id = ?")
                    .params(NodeKeys.hash(nodeKey), nodeId).update();
            log.info("Storage node {} had no node key pinned: pinned the key of the heartbeat from {}", nodeId, from);
            return;
        }
        if (!NodeKeys.matches(nodeKey, pinned)) {
            meters.counter("smartlink.storage.node.events", "event", "key-rejected").increment();
            log.warn("Refused a {} for storage node {} (claimed address {}): {} node key; nothing changed", what,
                    nodeId, from, NodeKeys.wellFormed(nodeKey) ? "another" : "no valid");
            throw NodeKeys.mismatch(nodeId);
        }
    }

    private void publishJoined(Heartbeat hb, boolean returned) {
        events.publishEvent(EventEnvelope.of(StorageEventTypes.NODE_JOINED, hb.nodeId(), new NodeJoined(hb.nodeId(),
                hb.zone(), hb.baseUrl(), hb.capacityBytes(), hb.bandwidthMbps(), returned, Instant.now())));
    }

    /** Copies a node found corrupted and quarantined no longer exist: the repair job copies them anew. */
    private void dropCorrupt(Heartbeat hb) {
        List<String> corrupt = hb.corruptChunks() == null ? List.of() : hb.corruptChunks();
        if (corrupt.isEmpty()) {
            return;
        }
        int dropped = jdbc.sql("delete from chunk_replica where node_id = :node and chunk_id = any(cast(:ids as text[]))")
                .param("node", hb.nodeId()).param("ids", corrupt.toArray(String[]::new)).update();
        meters.counter("smartlink.storage.corrupt.replicas").increment(corrupt.size());
        events.publishEvent(new RepairNeeded("corrupt copies on " + hb.nodeId()));
        log.warn("Storage node {} quarantined {} corrupted chunk(s) ({} known replicas dropped, to be repaired): {}",
                hb.nodeId(), corrupt.size(), dropped, corrupt.size() > 5 ? corrupt.subList(0, 5) + "…" : corrupt);
    }

    /** What a full report changed. */
    public record ReportOutcome(String nodeId, int listed, int lost, int found, int unknown) {

        Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("nodeId", nodeId);
            map.put("listed", listed);
            map.put("replicasLost", lost);
            map.put("replicasFound", found);
            map.put("orphansDeleted", unknown);
            return map;
        }
    }

    /**
     * Reconciles the replica map with a node's authoritative chunk list: recorded copies the node no longer
     * has are dropped (and repaired from other copies), copies of known chunks the map lacks are added
     * (a node back from the dead; surplus copies are then trimmed by the repair job) unless the controller
     * dropped that copy after the report was generated (the node is deleting it), and chunks nobody
     * references any more are deleted from the node.
     */
    @Transactional
    public ReportOutcome fullReport(ChunkReport report, String nodeKey) {
        StorageNode node = registry.lock(report.nodeId())
                .orElseThrow(() -> StorageProblems.nodeNotFound(report.nodeId()));
        checkKey(node.nodeId(), nodeKey, node.baseUrl(), "chunk report");
        String[] ids = report.chunks().stream().map(ChunkReport.Entry::id).distinct().toArray(String[]::new);
        Instant generated = report.generatedAt().isAfter(Instant.now()) ? Instant.now() : report.generatedAt();
        int lost = jdbc.sql("""
                delete from chunk_replica where node_id = :node and status = 'COMPLETED' and updated_at < :cutoff
                    and not (chunk_id = any(cast(:ids as text[])))""")
                .param("node", node.nodeId()).param("ids", ids)
                .param("cutoff", Timestamp.from(generated.minus(REPORT_MARGIN))).update();
        // lock the listed chunks that still exist (a garbage collection of one of them finishes first), so
        // the copies added below cannot reference a chunk deleted meanwhile; always in id order
        String[] sorted = ids.clone();
        java.util.Arrays.sort(sorted);
        List<String> known = jdbc.sql("""
                select chunk_id from chunk where chunk_id = any(cast(:ids as text[])) order by chunk_id for key share""")
                .param("ids", sorted).query(String.class).list();
        int found = 0;
        if (node.adminState() != StorageNode.AdminState.DECOMMISSIONED && !known.isEmpty()) {
            found = jdbc.sql("""
                    insert into chunk_replica (chunk_id, node_id, status, attempts, bytes, created_at, updated_at)
                    select c.chunk_id, :node, 'COMPLETED', 0, c.size, now(), now()
                    from chunk c where c.chunk_id = any(cast(:ids as text[]))
                        and not exists (select 1 from replica_drop d where d.chunk_id = c.chunk_id
                            and d.node_id = :node and d.dropped_at >= :generated)
                    on conflict (chunk_id, node_id) do update set status = 'COMPLETED', last_error = null,
                        next_attempt_at = null, updated_at = now()
                    where chunk_replica.status <> 'COMPLETED'""")
                    .param("node", node.nodeId()).param("ids", known.toArray(String[]::new))
                    // the clocks of node and controller may differ a little: err towards skipping (the next
                    // report adds a copy that is really there)
                    .param("generated", Timestamp.from(generated.minus(REPORT_MARGIN))).update();
        }
        java.util.Set<String> knownSet = new java.util.HashSet<>(known);
        List<String> unknown = java.util.Arrays.stream(ids).filter(id -> !knownSet.contains(id)).toList();
        jdbc.sql("update storage_node set last_report_at = now(), report_requested = false where node_id = :node")
                .param("node", node.nodeId()).update();
        if (lost > 0 || found > 0 || !unknown.isEmpty()) {
            log.info("Chunk report of {}: {} listed, {} recorded copies missing (to be repaired), {} copies found, "
                    + "{} unreferenced chunks to delete", node.nodeId(), ids.length, lost, found, unknown.size());
        }
        if (!unknown.isEmpty()) {
            deleteAfterCommit(node, unknown);
        }
        if (lost > 0 || found > 0) {
            events.publishEvent(new RepairNeeded("chunk report of " + node.nodeId()));
        }
        return new ReportOutcome(node.nodeId(), ids.length, lost, found, unknown.size());
    }

    private void deleteAfterCommit(StorageNode node, List<String> chunkIds) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                background.execute(() -> {
                    int deleted = 0;
                    for (String chunkId : chunkIds) {
                        // still unknown? (an upload may have claimed the same bytes meanwhile)
                        boolean known = jdbc.sql("select exists (select 1 from chunk where chunk_id = ?)")
                                .param(chunkId).query(Boolean.class).single();
                        if (!known && nodes.delete(node, chunkId)) {
                            deleted++;
                        }
                    }
                    log.info("Deleted {} of {} unreferenced chunks from {}", deleted, chunkIds.size(), node.nodeId());
                });
            }
        });
    }

    private static Map<String, Object> params(Heartbeat hb) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("nodeId", hb.nodeId());
        p.put("zone", hb.zone());
        p.put("baseUrl", hb.baseUrl());
        p.put("vcpus", hb.vcpus());
        p.put("memoryGb", hb.memoryGb());
        p.put("storageGb", hb.storageGb());
        p.put("bandwidthMbps", hb.bandwidthMbps());
        p.put("capacityBytes", hb.capacityBytes());
        p.put("usedBytes", hb.usedBytes());
        p.put("freeBytes", hb.freeBytes());
        p.put("chunkCount", hb.chunkCount());
        p.put("activeTransfers", hb.activeTransfers());
        p.put("bytesIn", hb.bytesIn());
        p.put("bytesOut", hb.bytesOut());
        p.put("startedAt", Timestamp.from(hb.startedAt()));
        return p;
    }
}
