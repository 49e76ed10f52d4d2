package com.smartlinkauto.storagenode.throttle;

import java.io.InterruptedIOException;
import java.time.Duration;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

/**
 * A token bucket holding one direction of a node's link to its declared speed: one token per byte,
 * refilled greedily (continuously) at the link rate, with a burst of a tenth of a second's worth
 * (at least one copy buffer). Every transfer in that direction draws from the same bucket, so ten
 * parallel downloads share the link instead of each getting all of it. Waiting parks the thread
 * (virtual-thread friendly).
 * <p>
 * Bucket4j refills at most one token per nanosecond (8 Gbps at a byte per token), so a faster link
 * counts in tokens of {@link #bytesPerToken(long)} bytes: 3 at the default 10 Gbps, 250 at the
 * 1,000,000 Mbps the configuration allows. A request is rounded up to whole tokens.
 */
public final class BandwidthThrottle {

    /** Mbit/s → byte/s: network speeds are decimal, 100 Mbps = 12,500,000 B/s. */
    public static long bytesPerSecond(int megabitsPerSecond) {
        return megabitsPerSecond * 1_000_000L / 8;
    }

    /** Burst size: 100 ms at the link rate, but never smaller than one copy buffer. */
    public static long burst(long bytesPerSecond, int bufferBytes) {
        return Math.max(bufferBytes, bytesPerSecond / 10);
    }

    /** Refill rate that stays within Bucket4j's limit of one token per nanosecond, with room to spare. */
    static final long MAX_TOKENS_PER_SECOND = 500_000_000L;

    /** Bytes one token stands for: 1 up to 500 MB/s (4 Gbps), more above. */
    public static long bytesPerToken(long bytesPerSecond) {
        return Math.max(1, (bytesPerSecond + MAX_TOKENS_PER_SECOND - 1) / MAX_TOKENS_PER_SECOND);
    }

    private final Bucket bucket;
    /** The burst in bytes: the largest slice one consume asks for. */
    private final long burst;
    private final long unit;

    private BandwidthThrottle(Bucket bucket, long burst, long unit) {
        this.bucket = bucket;
        this.burst = burst;
        this.unit = unit;
    }

    /** A throttle at {@code megabitsPerSecond}; {@code bufferBytes} is the largest single request. */
    public static BandwidthThrottle of(int megabitsPerSecond, int bufferBytes) {
        return of(megabitsPerSecond, bufferBytes, TimeMeter.SYSTEM_NANOTIME);
    }

    static BandwidthThrottle of(int megabitsPerSecond, int bufferBytes, TimeMeter clock) {
        long rate = bytesPerSecond(megabitsPerSecond);
        long unit = bytesPerToken(rate);
        long burst = burst(rate, bufferBytes);
        long burstTokens = (burst + unit - 1) / unit;
        Bucket bucket = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burstTokens).refillGreedy(rate / unit, Duration.ofSeconds(1)).build())
                .withCustomTimePrecision(clock)
                .build();
        return new BandwidthThrottle(bucket, burstTokens * unit, unit);
    }

    /** No limit: for benchmarks of the raw path ({@code smartlink.node.throttle=false}). */
    public static BandwidthThrottle unlimited() {
        return new BandwidthThrottle(null, Long.MAX_VALUE, 1);
    }

    /** Blocks until {@code bytes} may pass (in slices of at most the burst, which one request can never exceed). */
    public void acquire(long bytes) throws InterruptedIOException {
        if (bucket == null) {
            return;
        }
        try {
            for (long left = bytes; left > 0; left -= burst) {
                bucket.asBlocking().consume(tokens(Math.min(left, burst)));
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for bandwidth");
        }
    }

    private long tokens(long bytes) {
        return (bytes + unit - 1) / unit;
    }

    /** Bytes that may pass right now without waiting. */
    long available() {
        return bucket == null ? Long.MAX_VALUE : bucket.getAvailableTokens() * unit;
    }

    /** Takes bytes' worth of tokens without waiting; false when the bucket holds fewer. */
    boolean tryAcquire(long bytes) {
        return bucket == null || bucket.tryConsume(tokens(bytes));
    }

    public boolean limited() {
        return bucket != null;
    }
}
