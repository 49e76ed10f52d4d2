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
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Declares nodes stale (silent for {@code liveness.stale-after}: no new placements) and dead (silent for
 * {@code liveness.dead-after}: their replicas are dropped from the map, so the repair job copies every
 * chunk they held from the surviving replicas). Uses the database clock, so several controller
 * instances agree; runs on one of them at a time.
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

    private record Lost(String nodeId, String zone, Instant lastHeartbeatAt) {
    }

    @Scheduled(fixedDelayString = "${smartlink.storage.liveness.check-interval:1s}", initialDelayString = "1s")
    @SchedulerLock(name = "storage-controller.liveness", lockAtMostFor = "1m")
    void check() {
        tx.executeWithoutResult(status -> {
            double staleSeconds = properties.liveness().staleAfter().toMillis() / 1000.0;
            double deadSeconds = properties.liveness().deadAfter().toMillis() / 1000.0;
            List<String> stale = jdbc.sql("""
                    update storage_node set state = 'STALE', state_changed_at = now()
                    where state = 'LIVE' and last_heartbeat_at < now() - make_interval(secs => :secs)
                    returning node_id""").param("secs", staleSeconds).query(String.class).list();
            stale.forEach(node -> log.warn("Storage node {} is stale (no heartbeat for {}): no new placements", node,
                    properties.liveness().staleAfter()));
            List<Lost> dead = jdbc.sql("""
                    update storage_node set state = 'DEAD', state_changed_at = now(), report_requested = true
                    where state <> 'DEAD' and last_heartbeat_at < now() - make_interval(secs => :secs)
                    returning node_id, zone, last_heartbeat_at""").param("secs", deadSeconds)
                    .query((rs, row) -> new Lost(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                    .list();
            for (Lost node : dead) {
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
