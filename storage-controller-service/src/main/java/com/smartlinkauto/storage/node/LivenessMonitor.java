package com.smartlinkauto.storage.node;

import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.contracts.events.storage.NodeLost;
import com.smartlinkauto.contracts.events.storage.StorageEventTypes;
import com.smartlinkauto.storage.StorageProperties;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Declares nodes stale (silent for {@code liveness.stale-after}: no new placements) and dead (silent for
 * {@code liveness.dead-after}: their replicas are dropped from the map, so the repair job copies every
 * chunk they held from the surviving replicas). Uses the database clock, so several controller
 * instances agree; each instance checks, and each change is made once (see {@link #check()}).
 */
@Component
class LivenessMonitor {

    private static final Logger log = LoggerFactory.getLogger(LivenessMonitor.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final StorageProperties properties;
    private final MeterRegistry meters;

    LivenessMonitor(JdbcClient jdbc, TransactionTemplate tx, ApplicationEventPublisher events,
            StorageProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.events = events;
        this.properties = properties;
        this.meters = meters;
    }

    private record Change(String nodeId, String zone, Instant lastHeartbeatAt, String state) {
    }

    /**
     * One statement in the usual case (nobody silent): nodes silent for {@code stale-after} become STALE, for
     * {@code dead-after} DEAD (with their replicas dropped and {@code NodeLost} published in the same transaction).
     * Runs on every controller instance without a lock: a state change is a row update that only one transaction
     * can make (a concurrent one re-reads the row after the first commits and no longer matches), so a node is
     * declared dead, and its replicas dropped, exactly once.
     */
    @Scheduled(fixedDelayString = "${smartlink.storage.liveness.check-interval:2s}", initialDelayString = "1s")
    void check() {
        tx.executeWithoutResult(status -> {
            double staleSeconds = properties.liveness().staleAfter().toMillis() / 1000.0;
            double deadSeconds = properties.liveness().deadAfter().toMillis() / 1000.0;
            List<Change> changes = jdbc.sql("""
                    update storage_node set
                        state = case when last_heartbeat_at < now() - make_interval(secs => :dead) then 'DEAD'
                                     else 'STALE' end,
                        state_changed_at = now(),
                        report_requested = report_requested or last_heartbeat_at < now() - make_interval(secs => :dead)
                    where (state = 'LIVE' and last_heartbeat_at < now() - make_interval(secs => :stale))
                       or (state <> 'DEAD' and last_heartbeat_at < now() - make_interval(secs => :dead))
                    returning node_id, zone, last_heartbeat_at, state""")
                    .param("stale", staleSeconds).param("dead", deadSeconds)
                    .query((rs, row) -> new Change(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            rs.getString(4)))
                    .list();
            for (Change node : changes) {
                if ("STALE".equals(node.state())) {
                    log.warn("Storage node {} is stale (no heartbeat for {}): no new placements", node.nodeId(),
                            properties.liveness().staleAfter());
                    continue;
                }
                int replicas = jdbc.sql("delete from chunk_replica where node_id = ?").param(node.nodeId()).update();
                log.warn("Storage node {} is dead (last heartbeat {}): {} replicas lost, re-replicating", node.nodeId(),
                        node.lastHeartbeatAt(), replicas);
                meters.counter("smartlink.storage.node.events", "event", "lost").increment();
                events.publishEvent(EventEnvelope.of(StorageEventTypes.NODE_LOST, node.nodeId(),
                        new NodeLost(node.nodeId(), node.zone(), node.lastHeartbeatAt(), replicas, Instant.now())));
            }
        });
    }

}
