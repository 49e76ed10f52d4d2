package com.smartlinkauto.storage.transfer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.contracts.events.storage.ChunkReplicated;
import com.smartlinkauto.contracts.events.storage.StorageEventTypes;
import com.smartlinkauto.servicedefaults.Correlation;
import com.smartlinkauto.servicedefaults.Threads;
import com.smartlinkauto.storage.StorageProperties;
import com.smartlinkauto.storage.file.FileStore;
import com.smartlinkauto.storage.file.StorageMetrics;
import com.smartlinkauto.storage.node.NodeClient;
import com.smartlinkauto.storage.node.StorageNode;
import com.smartlinkauto.storage.topology.Route;
import com.smartlinkauto.storage.topology.RoutePlanner;
import com.smartlinkauto.storage.topology.Topology;
import com.smartlinkauto.storage.topology.TopologyService;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Runs transfers in the background: at most {@value #CONCURRENT_TRANSFERS} at a time on this instance
 * (more wait in a queue of {@value #QUEUE}), each copying {@code transfers.parallelism} chunks at a time.
 * A chunk is copied by its source node straight to the target ({@code POST /chunks/{id}/push}), through the
 * relay of the route planned on the topology of that moment, and tried up to {@code transfers.attempts}
 * times with exponential back-off. The target's copy is tracked as a {@code chunk_replica} row like any copy
 * in flight (the repair job counts it); for a MOVE the source's copy is dropped in the same transaction that
 * records the target's, and then deleted from the source node.
 */
@Component
class TransferExecutor implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TransferExecutor.class);
    static final int CONCURRENT_TRANSFERS = 4;
    static final int QUEUE = 256;

    private final TransferStore store;
    private final FileStore files;
    private final TopologyService topology;
    private final NodeClient nodes;
    private final StorageMetrics metrics;
    private final MeterRegistry meters;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final StorageProperties.Transfers settings;
    private final ThreadPoolExecutor runners;
    private final ExecutorService workers;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();

    TransferExecutor(TransferStore store, FileStore files, TopologyService topology, NodeClient nodes,
            StorageMetrics metrics, MeterRegistry meters, ApplicationEventPublisher events, TransactionTemplate tx,
            StorageProperties properties) {
        this.store = store;
        this.files = files;
        this.topology = topology;
        this.nodes = nodes;
        this.metrics = metrics;
        this.meters = meters;
        this.events = events;
        this.tx = tx;
        this.settings = properties.transfers();
        this.runners = new ThreadPoolExecutor(CONCURRENT_TRANSFERS, CONCURRENT_TRANSFERS, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(QUEUE), Threads.daemon("transfer-"));
        // bounded by construction: CONCURRENT_TRANSFERS runners with at most `parallelism` chunks each
        this.workers = Executors.newCachedThreadPool(Threads.daemon("transfer-chunk-"));
    }

    boolean hasRoom() {
        return runners.getQueue().remainingCapacity() > 0;
    }

    /** Runs the (committed, PENDING) transfer in the background. */
    void submit(UUID transferId) {
        try {
            runners.execute(Correlation.carry(() -> run(transferId)));
        }
        catch (RejectedExecutionException ex) {
            store.finish(transferId, "not started: too many transfers waiting on this controller");
        }
    }

    private void run(UUID transferId) {
        if (!store.start(transferId)) {
            return;
        }
        running.add(transferId);
        try {
            TransferView transfer = store.find(transferId).orElseThrow();
            Map<String, TransferView.ChunkView> pending = new LinkedHashMap<>();
            for (TransferView.ChunkView chunk : store.chunks(transferId)) {
                if (chunk.status().open()) {
                    pending.putIfAbsent(chunk.chunkId(), chunk);   // the same bytes twice in a file: copied once
                }
            }
            log.info("Transfer {} ({}) of file {} from {} to {} via {}: {} chunk(s) to copy", transferId,
                    transfer.mode(), transfer.fileId(), transfer.sourceNodeId(), transfer.targetNodeId(),
                    transfer.route(), pending.size());
            Semaphore window = new Semaphore(settings.parallelism());
            List<Future<?>> copies = new ArrayList<>();
            for (TransferView.ChunkView chunk : pending.values()) {
                window.acquire();
                try {
                    copies.add(workers.submit(Correlation.carry(() -> {
                        try {
                            copy(transfer, chunk);
                        }
                        finally {
                            window.release();
                        }
                    })));
                }
                catch (RejectedExecutionException ex) {
                    window.release();
                    throw ex;
                }
            }
            for (Future<?> copy : copies) {
                copy.get();
            }
            Optional<TransferStatus> status = store.finish(transferId, "not attempted");
            status.ifPresent(s -> log.info("Transfer {} {}", transferId, s));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            store.finish(transferId, "interrupted: the controller instance is stopping");
        }
        catch (ExecutionException | RuntimeException ex) {
            log.error("Transfer {} broke off", transferId, ex);
            store.finish(transferId, "broke off: " + ex);
        }
        finally {
            running.remove(transferId);
        }
    }

    /** Where a chunk stands before an attempt. */
    private enum Step {
        COPY, HELD, SOURCE_LOST
    }

    private void copy(TransferView transfer, TransferView.ChunkView chunk) {
        long started = System.nanoTime();
        String outcome = "failed";
        String error = null;
        try {
            for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
                if (attempt > 1) {
                    Thread.sleep(settings.backoff().toMillis() << Math.min(attempt - 2, 16));
                }
                Step step = tx.execute(status -> begin(transfer, chunk));
                if (step == Step.HELD) {
                    store.chunkCompleted(transfer.transferId(), chunk.chunkId(), 0, null, null);
                    outcome = "held";
                    return;
                }
                if (step == Step.SOURCE_LOST) {
                    error = transfer.sourceNodeId() + " no longer holds a stored copy of the chunk";
                    break;
                }
                // the route of this moment: a relay that died is replaced, a link that was removed is avoided
                Topology network = topology.current();
                Optional<Route> route = RoutePlanner.plan(network, transfer.sourceNodeId(), transfer.targetNodeId());
                if (route.isEmpty()) {
                    error = "no route from " + transfer.sourceNodeId() + " to " + transfer.targetNodeId() + " now";
                    attemptFailed(transfer, chunk, null, error);
                    continue;
                }
                StorageNode source = network.node(transfer.sourceNodeId());
                StorageNode target = network.node(transfer.targetNodeId());
                StorageNode via = route.get().relay() == null ? null : network.node(route.get().relay());
                NodeClient.PushOutcome push = nodes.push(source, chunk.chunkId(), target, via);
                List<String> reported = nodeIds(push.route(), network);
                if (push.stored()) {
                    completed(transfer, chunk, source, target, push, reported);
                    outcome = "completed";
                    return;
                }
                error = push.error();
                attemptFailed(transfer, chunk, reported, error);
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
                if (push.httpStatus() == 404 || push.httpStatus() == 409) {
                    // the source does not have it (any more) or found its copy corrupted and quarantined it
                    files.dropReplica(chunk.chunkId(), source.nodeId());
                    break;
                }
                if (push.httpStatus() == 400) {
                    break;   // the node refused the request itself: trying again changes nothing
                }
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            error = "interrupted: the controller instance is stopping";
        }
        catch (RuntimeException ex) {
            log.warn("Transfer {}: chunk {} broke off", transfer.transferId(), chunk.chunkId(), ex);
            error = ex.toString();
        }
        finally {
            Timer.builder("smartlink.storage.transfer.chunks")
                    .description("one chunk of a node-to-node transfer, all attempts")
                    .tag("outcome", outcome).publishPercentileHistogram().register(meters)
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
        store.chunkFailed(transfer.transferId(), chunk.chunkId(), error == null ? "failed" : error);
        log.warn("Transfer {}: chunk {} failed: {}", transfer.transferId(), chunk.chunkId(), error);
    }

    /**
     * Before an attempt: the target may hold the chunk by now (another transfer, the repair job); the source
     * may have lost it. Otherwise the target's copy goes in flight, sourced from the source.
     */
    private Step begin(TransferView transfer, TransferView.ChunkView chunk) {
        if ("COMPLETED".equals(store.lockReplica(chunk.chunkId(), transfer.targetNodeId()).orElse(null))) {
            return Step.HELD;
        }
        if (!"COMPLETED".equals(store.lockReplica(chunk.chunkId(), transfer.sourceNodeId()).orElse(null))) {
            return Step.SOURCE_LOST;
        }
        files.startCopies(chunk.chunkId(), List.of(transfer.targetNodeId()), transfer.sourceNodeId());
        store.chunkStarted(transfer.transferId(), chunk.chunkId());
        return Step.COPY;
    }

    private void attemptFailed(TransferView transfer, TransferView.ChunkView chunk, List<String> route, String error) {
        metrics.failure("transfer");
        tx.executeWithoutResult(status -> {
            files.finishCopy(chunk.chunkId(), transfer.targetNodeId(), false, 0, error, settings.backoff().toMillis());
            store.chunkAttemptFailed(transfer.transferId(), chunk.chunkId(), route, error);
        });
    }

    /**
     * The target stored the chunk: in one transaction its copy becomes COMPLETED, for a MOVE the source's
     * copy leaves the map, the transfer's chunk is COMPLETED and ChunkReplicated goes to the outbox; then
     * the source node deletes its copy.
     */
    private void completed(TransferView transfer, TransferView.ChunkView chunk, StorageNode source,
            StorageNode target, NodeClient.PushOutcome push, List<String> route) {
        boolean move = transfer.mode() == TransferMode.MOVE;
        Boolean dropped = tx.execute(status -> {
            files.finishCopy(chunk.chunkId(), target.nodeId(), true, chunk.size(), null, 0);
            boolean drop = move
                    && "COMPLETED".equals(store.lockReplica(chunk.chunkId(), source.nodeId()).orElse(null));
            if (drop) {
                files.dropReplica(chunk.chunkId(), source.nodeId());
            }
            store.chunkCompleted(transfer.transferId(), chunk.chunkId(), push.bytes(), route, push.durationMs());
            store.chunkReplication(chunk.chunkId()).ifPresent(replication -> events.publishEvent(
                    EventEnvelope.of(StorageEventTypes.CHUNK_REPLICATED, chunk.chunkId(),
                            new ChunkReplicated(chunk.chunkId(), chunk.size(), source.nodeId(), target.nodeId(),
                                    "TRANSFER", files.countedHolders(chunk.chunkId()).size(), replication,
                                    Instant.now()))));
            return drop;
        });
        if (Boolean.TRUE.equals(dropped) && !nodes.delete(source, chunk.chunkId())) {
            log.warn("Transfer {}: could not delete chunk {} from {} after moving it; the repair job trims the "
                    + "surplus copy once the node reports it", transfer.transferId(), chunk.chunkId(), source.nodeId());
        }
    }

    /** The node's route (URLs) as node ids where a known node has the URL. */
    static List<String> nodeIds(List<String> urls, Topology network) {
        if (urls == null || urls.isEmpty()) {
            return List.of();
        }
        Map<String, String> byUrl = new LinkedHashMap<>();
        network.nodes().forEach(node -> byUrl.put(strip(node.baseUrl()), node.nodeId()));
        return urls.stream().map(url -> byUrl.getOrDefault(strip(url), url)).toList();
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Transfers this instance runs are failed at once rather than left for the abandoned-transfer job. */
    @Override
    public void destroy() throws InterruptedException {
        runners.shutdownNow();
        workers.shutdownNow();
        workers.awaitTermination(5, TimeUnit.SECONDS);
        runners.awaitTermination(5, TimeUnit.SECONDS);
        for (UUID transferId : running) {
            try {
                store.finish(transferId, "interrupted: the controller instance stopped");
            }
            catch (RuntimeException ex) {
                log.debug("Could not fail transfer {} on shutdown: {}", transferId, ex.toString());
            }
        }
    }
}
