package com.smartlinkauto.storage.file;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.smartlinkauto.storage.StorageProperties;
import com.smartlinkauto.storage.node.NodeClient;
import com.smartlinkauto.storage.node.NodeRegistry;
import com.smartlinkauto.storage.node.StorageNode;

import io.micrometer.core.instrument.MeterRegistry;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Removes chunks no file references any more (deleted files, failed uploads) from the nodes, once they
 * have been orphans for {@code gc.grace}; fails uploads whose controller died mid-way. A chunk being
 * collected is row-locked, so an upload of the same bytes waits for the collection and then stores them
 * anew. Copies on nodes that are down now are removed when those nodes report their chunks again.
 */
@Component
class GarbageCollector {

    private static final Logger log = LoggerFactory.getLogger(GarbageCollector.class);
    private static final int BATCH = 200;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final NodeRegistry registry;
    private final NodeClient nodes;
    private final FileStore store;
    private final StorageProperties properties;
    private final MeterRegistry meters;

    GarbageCollector(JdbcClient jdbc, TransactionTemplate tx, NodeRegistry registry, NodeClient nodes,
            FileStore store, StorageProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.registry = registry;
        this.nodes = nodes;
        this.store = store;
        this.properties = properties;
        this.meters = meters;
    }

    @Scheduled(fixedDelayString = "${smartlink.storage.gc.interval:10s}", initialDelayString = "5s")
    @SchedulerLock(name = "storage-controller.gc", lockAtMostFor = "10m")
    void collect() {
        failAbandonedUploads();
        // long past any chunk report generated before the drop
        jdbc.sql("delete from replica_drop where dropped_at < now() - interval '1 hour'").update();
        int collected = 0;
        List<String> orphans;
        do {
            orphans = jdbc.sql("""
                    select chunk_id from chunk where ref_count = 0 and orphaned_at < now() - make_interval(secs => ?)
                    order by orphaned_at limit ?""")
                    .params(properties.gc().grace().toMillis() / 1000.0, BATCH).query(String.class).list();
            Map<String, StorageNode> byId = registry.all().stream()
                    .collect(Collectors.toMap(StorageNode::nodeId, Function.identity()));
            for (String chunkId : orphans) {
                if (collect(chunkId, byId)) {
                    collected++;
                }
            }
        }
        while (orphans.size() == BATCH);
        if (collected > 0) {
            log.info("Garbage-collected {} unreferenced chunk(s)", collected);
            meters.counter("smartlink.storage.gc.chunks").increment(collected);
        }
    }

    private boolean collect(String chunkId, Map<String, StorageNode> byId) {
        Boolean done = tx.execute(status -> {
            boolean locked = jdbc.sql("select chunk_id from chunk where chunk_id = ? and ref_count = 0 for update skip locked")
                    .param(chunkId).query(String.class).optional().isPresent();
            if (!locked) {
                return false;
            }
            List<String> holders = jdbc.sql("select node_id from chunk_replica where chunk_id = ?").param(chunkId)
                    .query(String.class).list();
            for (String nodeId : holders) {
                StorageNode node = byId.get(nodeId);
                if (node != null && node.readable() && !nodes.delete(node, chunkId)) {
                    log.debug("Could not delete orphan {} from {} now; its next chunk report will", chunkId, nodeId);
                }
            }
            jdbc.sql("delete from chunk where chunk_id = ?").param(chunkId).update();
            return true;
        });
        return Boolean.TRUE.equals(done);
    }

    private void failAbandonedUploads() {
        List<UUID> abandoned = jdbc.sql("""
                select file_id from stored_file where status = 'UPLOADING' and created_at < now() - make_interval(secs => ?)""")
                .param(properties.gc().abandonedUploadAfter().toSeconds()).query(UUID.class).list();
        for (UUID fileId : abandoned) {
            store.fail(fileId, "abandoned: the upload did not finish within " + properties.gc().abandonedUploadAfter());
            log.warn("Upload {} was abandoned; its chunks are released", fileId);
        }
        // failed uploads hold no chunks; keep their record a day for diagnosis
        jdbc.sql("delete from stored_file where status = 'FAILED' and completed_at < now() - interval '1 day'").update();
    }
}
