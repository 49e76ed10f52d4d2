package com.smartlinkauto.storage.file;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.smartlinkauto.storage.StorageProperties;
import com.smartlinkauto.storage.node.NodeClient;
import com.smartlinkauto.storage.node.NodeClient.ReplicaOutcome;
import com.smartlinkauto.storage.node.NodeRegistry;
import com.smartlinkauto.storage.node.Placement;
import com.smartlinkauto.storage.node.StorageNode;

/**
 * Writes one chunk from memory to {@code replication} nodes as one pipeline (the first node forwards to
 * the second while it receives, and so on), records each copy's status, and retries the copies that
 * failed on other nodes with back-off. Copies already stored (the same bytes in another file) are reused.
 */
@Component
class ChunkWriter {

    private static final Logger log = LoggerFactory.getLogger(ChunkWriter.class);

    private final NodeRegistry registry;
    private final NodeClient nodes;
    private final FileStore store;
    private final StorageProperties.Upload settings;
    private final StorageMetrics metrics;

    ChunkWriter(NodeRegistry registry, NodeClient nodes, FileStore store, StorageProperties properties,
            StorageMetrics metrics) {
        this.registry = registry;
        this.nodes = nodes;
        this.store = store;
        this.settings = properties.upload();
        this.metrics = metrics;
    }

    /** How a chunk write ended: the nodes holding it and the errors of the copies that failed. */
    record Written(List<String> holders, List<String> errors) {
    }

    Written write(String chunkId, byte[] data, int length, int replication) throws InterruptedException {
        long started = System.nanoTime();
        List<String> holders = new ArrayList<>(store.countedHolders(chunkId));
        Set<String> exclude = new HashSet<>(holders);
        List<String> errors = new ArrayList<>();
        for (int attempt = 1; attempt <= settings.attempts() && holders.size() < replication; attempt++) {
            if (attempt > 1) {
                Thread.sleep(settings.retryBackoff().toMillis() << (attempt - 2));
            }
            List<StorageNode> live = registry.placeable();
            Map<String, String> zoneOf = live.stream().collect(Collectors.toMap(StorageNode::nodeId, StorageNode::zone));
            Set<String> usedZones = holders.stream().map(zoneOf::get).filter(z -> z != null).collect(Collectors.toSet());
            List<StorageNode> pipeline = Placement.choose(live, replication - holders.size(), length, exclude,
                    usedZones, ThreadLocalRandom.current());
            if (pipeline.isEmpty()) {
                errors.add("no further live node with " + length + " bytes free");
                break;
            }
            List<String> ids = pipeline.stream().map(StorageNode::nodeId).toList();
            store.startCopies(chunkId, ids, null);
            List<ReplicaOutcome> outcomes = nodes.write(chunkId, data, 0, length, pipeline);
            long retryAfter = settings.retryBackoff().toMillis() << Math.min(attempt, 10);
            store.finishCopies(chunkId, outcomes, length, retryAfter);
            for (ReplicaOutcome outcome : outcomes) {
                exclude.add(outcome.nodeId());
                if (outcome.stored()) {
                    holders.add(outcome.nodeId());
                }
                else {
                    errors.add(outcome.nodeId() + " " + outcome.status() + ": " + outcome.error());
                    metrics.failure("upload");
                }
            }
        }
        String outcome = holders.size() >= replication ? "replicated" : holders.isEmpty() ? "failed" : "under-replicated";
        metrics.chunkWrite(System.nanoTime() - started, outcome);
        if (!errors.isEmpty()) {
            log.warn("Chunk {} stored on {} of {} nodes {}; failed copies: {}", chunkId, holders.size(), replication,
                    holders, errors);
        }
        return new Written(holders, errors);
    }
}
