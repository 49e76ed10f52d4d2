package com.smartlinkauto.storage.file;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The controller's meters ({@code /actuator/prometheus}): file bytes in and out, per-chunk write and read
 * latency histograms, failed chunk operations, under-replicated chunks, memory held by chunk buffers.
 */
@Component
public class StorageMetrics {

    private final MeterRegistry registry;
    private final Counter bytesIn;
    private final Counter bytesOut;
    private final AtomicLong underReplicated = new AtomicLong();
    private final AtomicLong unavailable = new AtomicLong();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    StorageMetrics(MeterRegistry registry, MemoryBudget budget) {
        this.registry = registry;
        this.bytesIn = Counter.builder("smartlink.storage.bytes").tag("direction", "in")
                .description("file bytes received from clients").baseUnit("bytes").register(registry);
        this.bytesOut = Counter.builder("smartlink.storage.bytes").tag("direction", "out")
                .description("file bytes sent to clients").baseUnit("bytes").register(registry);
        Gauge.builder("smartlink.storage.chunks.under.replicated", underReplicated, AtomicLong::get)
                .description("chunks with fewer live copies than their replication").register(registry);
        Gauge.builder("smartlink.storage.chunks.unavailable", unavailable, AtomicLong::get)
                .description("referenced chunks without any live copy").register(registry);
        Gauge.builder("smartlink.storage.buffer.bytes", budget, MemoryBudget::inUseBytes)
                .description("chunk data held in memory by uploads and downloads").baseUnit("bytes").register(registry);
    }

    public void received(long bytes) {
        bytesIn.increment(bytes);
    }

    public void sent(long bytes) {
        bytesOut.increment(bytes);
    }

    /** One chunk written to its pipeline (all attempts). */
    public void chunkWrite(long nanos, String outcome) {
        timer("smartlink.storage.chunk.writes", "chunk write to the node pipeline, all attempts", outcome)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One chunk (or part of one) read from a node, failovers included. */
    public void chunkRead(long nanos, String outcome) {
        timer("smartlink.storage.chunk.reads", "chunk read from a node, failovers included", outcome)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A copy to a node, a read from a node or a chunk transfer that failed (it may be retried). */
    public void failure(String operation) {
        registry.counter("smartlink.storage.transfer.failures", "operation", operation).increment();
    }

    public void underReplicated(long chunks, long unavailableChunks) {
        underReplicated.set(chunks);
        unavailable.set(unavailableChunks);
    }

    public long underReplicated() {
        return underReplicated.get();
    }

    private Timer timer(String name, String description, String outcome) {
        // once per chunk: look the timer up instead of building it again
        return timers.computeIfAbsent(name + '|' + outcome, key -> Timer.builder(name).description(description)
                .tag("outcome", outcome).publishPercentileHistogram().register(registry));
    }
}
