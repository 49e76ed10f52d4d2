package com.smartlinkauto.storagenode.throttle;

import java.io.InterruptedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The node's network link as the data path sees it: an inbound and an outbound direction, each
 * throttled to the declared bandwidth (full duplex, like an Ethernet port: a 100 Mbps node may
 * receive and send 12.5 MB/s at the same time) and metered, plus the number of transfers in flight.
 * A pipeline node that receives and forwards a chunk draws from both directions.
 */
public final class NodeBandwidth {

    private final Direction in;
    private final Direction out;
    private final AtomicInteger active = new AtomicInteger();

    public NodeBandwidth(BandwidthThrottle inbound, BandwidthThrottle outbound, MeterRegistry registry) {
        this.in = new Direction(inbound, Counter.builder("smartlink.storage.node.bytes")
                .description("Chunk bytes received (PUT bodies) or sent (GET bodies, forwards, pushes)")
                .baseUnit("bytes").tag("direction", "in").register(registry));
        this.out = new Direction(outbound, Counter.builder("smartlink.storage.node.bytes")
                .description("Chunk bytes received (PUT bodies) or sent (GET bodies, forwards, pushes)")
                .baseUnit("bytes").tag("direction", "out").register(registry));
        Gauge.builder("smartlink.storage.node.transfers.active", active, AtomicInteger::get)
                .description("Chunk transfers in progress (uploads, downloads, pushes)").register(registry);
    }

    public Direction in() {
        return in;
    }

    public Direction out() {
        return out;
    }

    /** Counts a transfer as active until the returned handle is closed. */
    public Transfer begin() {
        active.incrementAndGet();
        return new Transfer(active);
    }

    public int activeTransfers() {
        return active.get();
    }

    /** One direction of the link. */
    public static final class Direction {

        private final BandwidthThrottle throttle;
        private final Counter counter;
        private final LongAdder total = new LongAdder();

        Direction(BandwidthThrottle throttle, Counter counter) {
            this.throttle = throttle;
            this.counter = counter;
        }

        /** Waits for the link to carry {@code bytes}, then counts them. */
        public void transfer(int bytes) throws InterruptedIOException {
            throttle.acquire(bytes);
            total.add(bytes);
            counter.increment(bytes);
        }

        public long totalBytes() {
            return total.sum();
        }
    }

    /** An active transfer; closing it is idempotent. */
    public static final class Transfer implements AutoCloseable {

        private final AtomicInteger active;
        private boolean closed;

        Transfer(AtomicInteger active) {
            this.active = active;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                active.decrementAndGet();
            }
        }
    }
}
