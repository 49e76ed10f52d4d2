package com.smartlinkauto.storage.replication;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.contracts.events.storage.ChunkReplicated;
import com.smartlinkauto.contracts.events.storage.StorageEventTypes;
import com.smartlinkauto.servicedefaults.Threads;
import com.smartlinkauto.servicedefaults.jobs.DueJob;
import com.smartlinkauto.storage.RepairNeeded;
import com.smartlinkauto.storage.StorageProperties;
import com.smartlinkauto.storage.file.FileStore;
import com.smartlinkauto.storage.file.StorageMetrics;
import com.smartlinkauto.storage.node.NodeClient;
import com.smartlinkauto.storage.node.NodeRegistry;
import com.smartlinkauto.storage.node.Placement;
import com.smartlinkauto.storage.node.StorageNode;

import net.javacrumbs.shedlock.core.LockProvider;

/**
 * Keeps every chunk at its replication, like HDFS's replication monitor:
 * <ul>
 * <li>under-replicated chunks (a node died, a copy was corrupted or lost, a node is being decommissioned,
 * a file asked for more copies than there were nodes) are copied node to node from a surviving replica,
 * fewest live copies first, with at most {@code repair.per-node} copies per node and {@code repair.global}
 * in all; a failed copy is retried to another node, and to the same node only after a back-off;</li>
 * <li>over-replicated chunks (a dead node came back) lose their surplus copies, from the fullest nodes;</li>
 * <li>a decommissioning node whose every chunk has its copies elsewhere becomes DECOMMISSIONED.</li>
 * </ul>
 * State lives in the database ({@code chunk_replica} rows PENDING/IN_PROGRESS are the copies in flight),
 * so whichever controller instance holds the lock next carries on.
 */
@Component
class ReplicationMonitor implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReplicationMonitor.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final NodeRegistry registry;
    private final NodeClient nodes;
    private final FileStore store;
    private final StorageMetrics metrics;
    private final ApplicationEventPublisher events;
    private final StorageProperties.Repair settings;
    private final ExecutorService copiers;
    private volatile long lastGaugeUpdate;
    private final Semaphore completions = new Semaphore(0);
    private final DueJob job;
    private int idleRetries;

    ReplicationMonitor(JdbcClient jdbc, TransactionTemplate tx, NodeRegistry registry, NodeClient nodes,
            FileStore store, StorageMetrics metrics, ApplicationEventPublisher events, StorageProperties properties,
            LockProvider lockProvider) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.registry = registry;
        this.nodes = nodes;
        this.store = store;
        this.metrics = metrics;
        this.events = events;
        this.settings = properties.repair();
        this.copiers = Executors.newFixedThreadPool(settings.global(), Threads.daemon("replica-copier-"));
        this.job = new DueJob("storage-controller.replication", Duration.ofMinutes(1), settings.interval(),
                lockProvider);
    }

    /** A chunk whose copies on counting nodes (+ copies in flight) differ from its replication. */
    record Imbalance(String chunkId, int size, int replication, int live, int inFlight) {
    }

    /**
     * Runs a round (under the lock, on one controller instance at a time) when one is due: woken by a change that
     * may need copies made or removed, a retry's back-off, or at the latest every {@code repair.interval}. An idle
     * network costs a tick that does nothing: no query, no lock round trip.
     */
    @Scheduled(fixedDelayString = "${smartlink.storage.repair.tick:200ms}", initialDelayString = "2s")
    void tick() {
        job.tick(this::run);
    }

    /**
     * Something this instance did may have left chunks with too few or too many copies (a node died or came
     * back, a replica was dropped or found corrupt, a file was stored short of its replication, a node is being
     * decommissioned): the next tick runs a round. Work another controller instance creates is found by its
     * own wake-up or by the sweep every {@code repair.interval}.
     */
    @EventListener
    void on(RepairNeeded signal) {
        job.due().wakeAfterCommit();
    }

    @EventListener
    void on(EventEnvelope<?> event) {
        if (StorageEventTypes.ALL.contains(event.type())) {
            job.due().wakeAfterCommit();
        }
    }

    /**
     * One round, under the lock: trims surplus copies and finishes decommissions once, then keeps the copy
     * slots full: whenever a copy finishes, the next under-replicated chunks are dispatched at once
     * (not at the next tick), until nothing is left to copy or in flight, or {@link #MAX_ROUND} passed.
     */
    void run() {
        expireStuckCopies();
        Map<String, StorageNode> byId = nodes();
        trimSurplus(byId);
        finishDecommissions();
        long deadline = System.nanoTime() + MAX_ROUND.toNanos();
        Dispatch dispatch = new Dispatch(0, 0, false);
        while (System.nanoTime() < deadline) {
            completions.drainPermits();
            dispatch = repair(nodes());
            if (dispatch.dispatched() == 0 && dispatch.inFlight() == 0) {
                break;
            }
            try {
                // a copy finished (a slot is free, maybe new work): look again; else re-check now and then
                completions.tryAcquire(dispatch.dispatched() == 0 ? 1_000 : 250, TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
            if (dispatch.dispatched() == 0 && !anyInFlight()) {
                break;
            }
        }
        if (dispatch.waiting() || System.nanoTime() >= deadline) {
            // chunks still short of copies that could not be dispatched (a copy's back-off, no free slot or
            // target): look again soon, then less often while nothing changes (at most every repair.interval)
            Duration retry = settings.backoff().multipliedBy(1L << Math.min(idleRetries++, 10));
            job.due().wakeWithin(retry.compareTo(settings.interval()) < 0 ? retry : settings.interval());
        }
        else {
            idleRetries = 0;
        }
        if (System.currentTimeMillis() - lastGaugeUpdate > 5_000) {
            updateGauges();
        }
    }

    private static final Duration MAX_ROUND = Duration.ofSeconds(30);

    /**
     * Copies started now, copies in flight before them, and whether under-replicated chunks were left waiting
     * (no slot, no target, a back-off).
     */
    record Dispatch(int dispatched, int inFlight, boolean waiting) {
    }

    private Map<String, StorageNode> nodes() {
        return registry.all().stream().collect(Collectors.toMap(StorageNode::nodeId, Function.identity()));
    }

    private boolean anyInFlight() {
        return jdbc.sql("select exists (select 1 from chunk_replica where status in ('PENDING', 'IN_PROGRESS') "
                + "and source_node_id is not null)").query(Boolean.class).single();
    }

    private void expireStuckCopies() {
        int expired = jdbc.sql("""
                update chunk_replica set status = 'FAILED', last_error = 'no outcome within the in-flight timeout',
                    next_attempt_at = now(), updated_at = now()
                where status in ('PENDING', 'IN_PROGRESS') and updated_at < now() - make_interval(secs => ?)""")
                .param(settings.inFlightTimeout().toSeconds()).update();
        if (expired > 0) {
            log.warn("{} copies had no outcome within {}: marked FAILED for retry", expired, settings.inFlightTimeout());
        }
    }

    private Dispatch repair(Map<String, StorageNode> byId) {
        Map<String, Integer> busy = new HashMap<>();
        int[] global = { 0 };
        jdbc.sql("""
                select node_id, source_node_id from chunk_replica
                where status in ('PENDING', 'IN_PROGRESS') and source_node_id is not null""").query(rs -> {
                    busy.merge(rs.getString(1), 1, Integer::sum);
                    busy.merge(rs.getString(2), 1, Integer::sum);
                    global[0]++;
                });
        int inFlight = global[0];
        if (global[0] >= settings.global()) {
            return new Dispatch(0, inFlight, true);
        }
        List<Imbalance> under = jdbc.sql("""
                select c.chunk_id, c.size, c.replication,
                    count(*) filter (where r.status = 'COMPLETED' and n.state <> 'DEAD' and n.admin_state = 'ACTIVE') as live,
                    count(*) filter (where r.status in ('PENDING', 'IN_PROGRESS')) as in_flight
                from chunk c
                join chunk_replica r on r.chunk_id = c.chunk_id
                join storage_node n on n.node_id = r.node_id
                where c.ref_count > 0
                group by c.chunk_id
                having count(*) filter (where r.status = 'COMPLETED' and n.state <> 'DEAD'
                            and n.admin_state = 'ACTIVE')
                        + count(*) filter (where r.status in ('PENDING', 'IN_PROGRESS')) < c.replication
                    and count(*) filter (where r.status = 'COMPLETED' and n.state <> 'DEAD') > 0
                order by 4, c.chunk_id
                limit ?""").param(settings.batch())
                .query((rs, row) -> new Imbalance(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)))
                .list();
        if (under.isEmpty()) {
            return new Dispatch(0, inFlight, false);
        }
        List<StorageNode> placeable = byId.values().stream().filter(StorageNode::placeable).toList();
        for (Imbalance chunk : under) {
            if (global[0] >= settings.global()) {
                break;
            }
            try {
                dispatch(chunk, byId, placeable, busy, global);
            }
            catch (RuntimeException ex) {
                // e.g. the chunk was garbage-collected meanwhile: the next round sees the new state
                log.debug("Not repairing chunk {} now: {}", chunk.chunkId(), ex.toString());
            }
        }
        int dispatched = global[0] - inFlight;
        return new Dispatch(dispatched, inFlight, dispatched < under.size());
    }

    private void dispatch(Imbalance chunk, Map<String, StorageNode> byId, List<StorageNode> placeable,
            Map<String, Integer> busy, int[] global) {
        Map<String, String> copies = new HashMap<>();
        Map<String, Instant> retryAt = new HashMap<>();
        jdbc.sql("select node_id, status, next_attempt_at from chunk_replica where chunk_id = ?").param(chunk.chunkId())
                .query(rs -> {
                    copies.put(rs.getString(1), rs.getString(2));
                    if (rs.getTimestamp(3) != null) {
                        retryAt.put(rs.getString(1), rs.getTimestamp(3).toInstant());
                    }
                });
        List<StorageNode> sources = copies.entrySet().stream()
                .filter(e -> "COMPLETED".equals(e.getValue()))
                .map(e -> byId.get(e.getKey()))
                .filter(node -> node != null && node.state() == StorageNode.State.LIVE
                        && busy.getOrDefault(node.nodeId(), 0) < settings.perNode())
                .sorted(Comparator.comparingInt((StorageNode node) -> busy.getOrDefault(node.nodeId(), 0)))
                .toList();
        if (sources.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        Set<String> exclude = new HashSet<>();
        copies.forEach((nodeId, status) -> {
            if (!"FAILED".equals(status) || retryAt.getOrDefault(nodeId, Instant.MIN).isAfter(now)) {
                exclude.add(nodeId);
            }
        });
        busy.forEach((nodeId, count) -> {
            if (count >= settings.perNode()) {
                exclude.add(nodeId);
            }
        });
        Set<String> zones = copies.entrySet().stream().filter(e -> "COMPLETED".equals(e.getValue()))
                .map(e -> byId.get(e.getKey())).filter(node -> node != null && node.counts())
                .map(StorageNode::zone).collect(Collectors.toSet());
        int wanted = Math.min(chunk.replication() - chunk.live() - chunk.inFlight(), settings.global() - global[0]);
        List<StorageNode> targets = Placement.choose(placeable, wanted, chunk.size(), exclude, zones,
                ThreadLocalRandom.current());
        int s = 0;
        for (StorageNode target : targets) {
            StorageNode source = sources.get(s++ % sources.size());
            if (busy.getOrDefault(source.nodeId(), 0) >= settings.perNode()) {
                continue;
            }
            store.startCopies(chunk.chunkId(), List.of(target.nodeId()), source.nodeId());
            busy.merge(source.nodeId(), 1, Integer::sum);
            busy.merge(target.nodeId(), 1, Integer::sum);
            global[0]++;
            boolean decommission = copies.keySet().stream().map(byId::get).anyMatch(
                    node -> node != null && node.adminState() == StorageNode.AdminState.DECOMMISSIONING);
            copiers.execute(() -> copy(chunk, source, target, decommission ? "DECOMMISSION" : "REPAIR"));
        }
    }

    private void copy(Imbalance chunk, StorageNode source, StorageNode target, String reason) {
        try {
            copyOnce(chunk, source, target, reason);
        }
        finally {
            completions.release();
        }
    }

    private void copyOnce(Imbalance chunk, StorageNode source, StorageNode target, String reason) {
        long started = System.nanoTime();
        try {
            NodeClient.PushOutcome outcome = nodes.push(source, chunk.chunkId(), target, null);
            int attempts = jdbc.sql("select attempts from chunk_replica where chunk_id = ? and node_id = ?")
                    .params(chunk.chunkId(), target.nodeId()).query(Integer.class).optional().orElse(1);
            long backoff = Math.min(settings.maxBackoff().toMillis(),
                    settings.backoff().toMillis() << Math.min(Math.max(0, attempts - 1), 20));
            if (outcome.stored()) {
                tx.executeWithoutResult(status -> {
                    store.finishCopy(chunk.chunkId(), target.nodeId(), true, chunk.size(), null, 0);
                    int live = store.countedHolders(chunk.chunkId()).size();
                    events.publishEvent(EventEnvelope.of(StorageEventTypes.CHUNK_REPLICATED, chunk.chunkId(),
                            new ChunkReplicated(chunk.chunkId(), chunk.size(), source.nodeId(), target.nodeId(), reason,
                                    live, chunk.replication(), Instant.now())));
                });
                metrics.chunkWrite(System.nanoTime() - started, "re-replicated");
            }
            else {
                store.finishCopy(chunk.chunkId(), target.nodeId(), false, 0, outcome.error(), backoff);
                metrics.failure("repair");
                if (outcome.httpStatus() == 404 || outcome.httpStatus() == 409) {
                    // the source no longer has a good copy: forget it (another replica is used next round)
                    store.dropReplica(chunk.chunkId(), source.nodeId());
                }
                log.warn("Copying chunk {} from {} to {} failed (retry in {} ms): {}", chunk.chunkId(),
                        source.nodeId(), target.nodeId(), backoff, outcome.error());
            }
        }
        catch (RuntimeException ex) {
            log.warn("Copying chunk {} from {} to {} failed: {}", chunk.chunkId(), source.nodeId(), target.nodeId(),
                    ex.toString());
            try {
                store.finishCopy(chunk.chunkId(), target.nodeId(), false, 0, ex.toString(), settings.backoff().toMillis());
            }
            catch (RuntimeException ignored) {
                // the in-flight timeout will expire the row
            }
        }
    }

    private void trimSurplus(Map<String, StorageNode> byId) {
        List<Imbalance> over = jdbc.sql("""
                select c.chunk_id, c.size, c.replication,
                    count(*) filter (where r.status = 'COMPLETED' and n.state = 'LIVE' and n.admin_state = 'ACTIVE') as live,
                    count(*) filter (where r.status in ('PENDING', 'IN_PROGRESS')) as in_flight
                from chunk c
                join chunk_replica r on r.chunk_id = c.chunk_id
                join storage_node n on n.node_id = r.node_id
                where c.ref_count > 0
                group by c.chunk_id
                having count(*) filter (where r.status = 'COMPLETED' and n.state = 'LIVE' and n.admin_state = 'ACTIVE')
                        > c.replication
                    and count(*) filter (where r.status in ('PENDING', 'IN_PROGRESS')) = 0
                limit ?""").param(settings.batch())
                .query((rs, row) -> new Imbalance(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)))
                .list();
        for (Imbalance chunk : over) {
            List<StorageNode> holders = new ArrayList<>();
            for (String nodeId : store.countedHolders(chunk.chunkId())) {
                StorageNode node = byId.get(nodeId);
                if (node != null && node.state() == StorageNode.State.LIVE) {
                    holders.add(node);
                }
            }
            holders.sort(Comparator.comparingLong(StorageNode::freeBytes));
            int surplus = holders.size() - chunk.replication();
            for (int i = 0; i < surplus; i++) {
                StorageNode node = holders.get(i);
                store.dropReplica(chunk.chunkId(), node.nodeId());
                if (!nodes.delete(node, chunk.chunkId())) {
                    log.debug("Could not delete surplus copy of {} from {}; its next report will", chunk.chunkId(),
                            node.nodeId());
                }
            }
            if (surplus > 0) {
                log.info("Chunk {} had {} copies for replication {}: removed {} surplus", chunk.chunkId(),
                        holders.size(), chunk.replication(), surplus);
            }
        }
    }

    private void finishDecommissions() {
        List<String> drained = jdbc.sql("""
                select n.node_id from storage_node n
                where n.admin_state = 'DECOMMISSIONING' and not exists (
                    select 1 from chunk_replica r join chunk c on c.chunk_id = r.chunk_id
                    where r.node_id = n.node_id and r.status = 'COMPLETED' and c.ref_count > 0
                      and (select count(*) from chunk_replica o join storage_node m on m.node_id = o.node_id
                           where o.chunk_id = r.chunk_id and o.status = 'COMPLETED' and m.state <> 'DEAD'
                             and m.admin_state = 'ACTIVE') < c.replication)""").query(String.class).list();
        for (String nodeId : drained) {
            tx.executeWithoutResult(status -> {
                jdbc.sql("update storage_node set admin_state = 'DECOMMISSIONED', state_changed_at = now() where node_id = ?")
                        .param(nodeId).update();
                jdbc.sql("delete from chunk_replica where node_id = ?").param(nodeId).update();
            });
            log.info("Storage node {} is decommissioned: every chunk it held has its copies on other nodes", nodeId);
        }
    }

    void updateGauges() {
        lastGaugeUpdate = System.currentTimeMillis();
        long[] counts = jdbc.sql("""
                select count(*) filter (where live < replication), count(*) filter (where readable = 0) from (
                    select c.replication,
                        count(r.node_id) filter (where r.status = 'COMPLETED' and n.state <> 'DEAD'
                            and n.admin_state = 'ACTIVE') as live,
                        count(r.node_id) filter (where r.status = 'COMPLETED' and n.state <> 'DEAD') as readable
                    from chunk c
                    left join chunk_replica r on r.chunk_id = c.chunk_id
                    left join storage_node n on n.node_id = r.node_id
                    where c.ref_count > 0
                    group by c.chunk_id) x""").query((rs, row) -> new long[] { rs.getLong(1), rs.getLong(2) }).single();
        metrics.underReplicated(counts[0], counts[1]);
    }

    @Override
    public void destroy() {
        copiers.shutdownNow();
    }
}
