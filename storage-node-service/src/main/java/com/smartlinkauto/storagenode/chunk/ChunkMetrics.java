package com.smartlinkauto.storagenode.chunk;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Chunk-level meters: write and read latency histograms by outcome, checksum failures by stage
 * ({@code write}: a client sent bytes that do not match the id; {@code read}: a stored copy rotted).
 */
public final class ChunkMetrics {

    public static final String WRITES = "smartlink.storage.node.chunk.writes";
    public static final String READS = "smartlink.storage.node.chunk.reads";
    public static final String CHECKSUM_FAILURES = "smartlink.storage.node.checksum.failures";

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Counter writeMismatches;
    private final Counter readMismatches;

    public ChunkMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.writeMismatches = checksumCounter("write");
        this.readMismatches = checksumCounter("read");
    }

    private Counter checksumCounter(String stage) {
        return Counter.builder(CHECKSUM_FAILURES)
                .description("Chunks whose bytes did not match their SHA-256 id (write: rejected upload; "
                        + "read: stored copy corrupted and quarantined)")
                .tag("stage", stage).register(registry);
    }

    /** A PUT finished: {@code created}, {@code existing}, {@code relayed}, {@code rejected} or {@code failed}. */
    public void write(String outcome, long nanos) {
        timer(WRITES, "Time to receive, verify, fsync and replicate one chunk", outcome).record(Duration.ofNanos(nanos));
    }

    /** A GET finished: {@code served}, {@code corrupted}, {@code not-found} or {@code aborted}. */
    public void read(String outcome, long nanos) {
        timer(READS, "Time to verify and send one chunk", outcome).record(Duration.ofNanos(nanos));
    }

    void checksumFailure(boolean onRead) {
        (onRead ? readMismatches : writeMismatches).increment();
    }

    private Timer timer(String name, String description, String outcome) {
        return timers.computeIfAbsent(name + "|" + outcome, key -> Timer.builder(name).description(description)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry));
    }
}
