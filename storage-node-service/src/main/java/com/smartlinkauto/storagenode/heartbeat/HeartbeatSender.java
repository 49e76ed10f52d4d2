package com.smartlinkauto.storagenode.heartbeat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.client.HttpClientErrorException;

import com.smartlinkauto.storagenode.NodeProperties;
import com.smartlinkauto.storagenode.chunk.ChunkStore;
import com.smartlinkauto.storagenode.chunk.CorruptChunks;
import com.smartlinkauto.storagenode.pipeline.RegisteredNodes;
import com.smartlinkauto.storagenode.status.NodeStatus;
import com.smartlinkauto.storagenode.status.NodeStatusService;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Keeps the controller informed, like a DataNode's BPServiceActor: a heartbeat every interval
 * (usage, active transfers, newly corrupted chunks) and a full chunk report after the first
 * successful heartbeat, after the controller was unreachable (it may have restarted), when it asks,
 * and periodically. Heartbeat answers carry the registered nodes when the list changed ({@link RegisteredNodes}). Starts once the web server is up (the advertised port is known) and stops first
 * on shutdown. An absent or failing controller never affects the data path; failures are logged once
 * at WARN, then at DEBUG with a WARN summary a minute.
 */
class HeartbeatSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatSender.class);

    /** An owed report is retried at most this often (a controller that keeps refusing reports gets one per 10 s). */
    private static final long REPORT_RETRY_GAP_NANOS = Duration.ofSeconds(10).toNanos();

    private final ControllerClient controller;
    private final NodeStatusService status;
    private final ChunkStore store;
    private final CorruptChunks corrupt;
    private final RegisteredNodes registered;
    private final NodeProperties.Heartbeat settings;
    private final Clock clock;
    private final RateLimitedLog heartbeatLog;
    private final RateLimitedLog reportLog;
    private final AtomicBoolean reportRunning = new AtomicBoolean();
    /** A report is owed: at start, after the controller was unreachable, when a report failed. */
    private final AtomicBoolean reportOwed = new AtomicBoolean(true);
    private volatile long nextReportAttemptAt = System.nanoTime();
    private final Counter heartbeatsOk;
    private final Counter heartbeatsFailed;
    private final Counter reportsOk;
    private final Counter reportsFailed;
    private volatile ScheduledExecutorService executor;

    HeartbeatSender(ControllerClient controller, NodeStatusService status, ChunkStore store, CorruptChunks corrupt,
            RegisteredNodes registered, NodeProperties.Heartbeat settings, Clock clock, MeterRegistry registry) {
        this.controller = controller;
        this.status = status;
        this.store = store;
        this.corrupt = corrupt;
        this.registered = registered;
        this.settings = settings;
        this.clock = clock;
        this.heartbeatLog = new RateLimitedLog(log, "Heartbeat", controller.describe(), settings.interval());
        this.reportLog = new RateLimitedLog(log, "Chunk report", controller.describe(), settings.interval());
        this.heartbeatsOk = counter(registry, "smartlink.storage.node.heartbeats", "success");
        this.heartbeatsFailed = counter(registry, "smartlink.storage.node.heartbeats", "failure");
        this.reportsOk = counter(registry, "smartlink.storage.node.chunk.reports", "success");
        this.reportsFailed = counter(registry, "smartlink.storage.node.chunk.reports", "failure");
    }

    private static Counter counter(MeterRegistry registry, String name, String outcome) {
        return Counter.builder(name).description("Calls to the storage controller").tag("outcome", outcome)
                .register(registry);
    }

    @Override
    public void start() {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "node-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        executor = scheduler;
        long interval = settings.interval().toMillis();
        scheduler.scheduleWithFixedDelay(this::beat, 0, interval, TimeUnit.MILLISECONDS);
        long reportEvery = settings.fullReportInterval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            reportOwed.set(true);
            report();
        }, reportEvery, reportEvery, TimeUnit.MILLISECONDS);
        log.info("Heartbeats to {} every {}, full chunk reports every {}", controller.describe(), settings.interval(),
                settings.fullReportInterval());
    }

    void beat() {
        try {
            NodeStatus snapshot = status.snapshot();
            List<String> corruptIds = corrupt.pending();
            ControllerClient.HeartbeatAnswer answer = controller.heartbeat(
                    Heartbeat.of(snapshot, corruptIds, clock.instant(), registered.version()));
            boolean reportRequested = answer.requestFullReport();
            registered.update(answer.nodes());
            corrupt.acknowledge(corruptIds);
            heartbeatsOk.increment();
            boolean recovered = heartbeatLog.success();
            boolean retryDue = reportOwed.get() && System.nanoTime() - nextReportAttemptAt >= 0;
            if (reportRequested || recovered || retryDue) {
                reportOwed.set(true);
                ScheduledExecutorService scheduler = executor;
                if (scheduler != null && !reportRunning.get()) {
                    scheduler.execute(this::report);
                }
            }
        }
        catch (HttpClientErrorException.Forbidden ex) {
            heartbeatsFailed.increment();
            heartbeatLog.failure(new IllegalStateException("the controller refuses this node's key (node-key in the "
                    + "data directory): another node registered this id first, or the key file is not the original; "
                    + "an admin can reset the key of a DEAD node (POST /api/storage/nodes/{id}/reset-key)", ex));
        }
        catch (RuntimeException ex) {
            heartbeatsFailed.increment();
            heartbeatLog.failure(ex);
        }
    }

    void report() {
        if (!reportOwed.get() || !reportRunning.compareAndSet(false, true)) {
            return;
        }
        nextReportAttemptAt = System.nanoTime() + REPORT_RETRY_GAP_NANOS;
        try {
            NodeStatus snapshot = status.snapshot();
            var chunks = store.all();
            long used = chunks.stream().mapToLong(c -> c.size()).sum();
            reportOwed.set(false);
            controller.report(new ChunkReport(snapshot.nodeId(), snapshot.zone(), snapshot.baseUrl(), clock.instant(),
                    chunks.size(), used, chunks));
            reportsOk.increment();
            reportLog.success();
            log.debug("Sent a full chunk report: {} chunks", chunks.size());
        }
        catch (RuntimeException ex) {
            reportOwed.set(true);
            reportsFailed.increment();
            reportLog.failure(ex);
        }
        finally {
            reportRunning.set(false);
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService scheduler = executor;
        executor = null;
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(Duration.ofSeconds(2).toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
