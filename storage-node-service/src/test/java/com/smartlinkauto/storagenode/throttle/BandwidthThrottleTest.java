package com.smartlinkauto.storagenode.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.github.bucket4j.TimeMeter;

class BandwidthThrottleTest {

    @Test
    void megabitsAreDecimalAndEightBitsMakeAByte() {
        assertThat(BandwidthThrottle.bytesPerSecond(100)).isEqualTo(12_500_000);
        assertThat(BandwidthThrottle.bytesPerSecond(80)).isEqualTo(10_000_000);
        assertThat(BandwidthThrottle.bytesPerSecond(1)).isEqualTo(125_000);
        assertThat(BandwidthThrottle.bytesPerSecond(1_000_000)).isEqualTo(125_000_000_000L);
    }

    @Test
    void theBurstIsATenthOfASecondButAtLeastOneBuffer() {
        assertThat(BandwidthThrottle.burst(12_500_000, 131_072)).isEqualTo(1_250_000);
        assertThat(BandwidthThrottle.burst(125_000, 131_072)).isEqualTo(131_072);
    }

    @Test
    void tokensRefillContinuouslyAtTheLinkRate() {
        ManualClock clock = new ManualClock();
        BandwidthThrottle throttle = BandwidthThrottle.of(80, 131_072, clock); // 10 MB/s, burst 1 MB
        assertThat(throttle.available()).isEqualTo(1_000_000);
        assertThat(throttle.tryAcquire(1_000_000)).isTrue();
        assertThat(throttle.tryAcquire(1)).isFalse();

        clock.advance(Duration.ofMillis(10));
        assertThat(throttle.available()).isEqualTo(100_000); // 10 ms at 10 MB/s
        clock.advance(Duration.ofSeconds(5));
        assertThat(throttle.available()).isEqualTo(1_000_000); // never more than the burst
    }

    /**
     * Bucket4j refills at most a token per nanosecond: at a byte per token a 10 Gbps node (the default)
     * failed to start. Faster links count in larger tokens and still keep the rate.
     */
    @Test
    void linksFasterThanEightGigabitsCountInLargerTokens() {
        assertThat(BandwidthThrottle.bytesPerToken(12_500_000)).isEqualTo(1);
        assertThat(BandwidthThrottle.bytesPerToken(500_000_000)).isEqualTo(1);
        assertThat(BandwidthThrottle.bytesPerToken(1_250_000_000)).isEqualTo(3);
        assertThat(BandwidthThrottle.bytesPerToken(125_000_000_000L)).isEqualTo(250);

        ManualClock clock = new ManualClock();
        BandwidthThrottle tenGbps = BandwidthThrottle.of(10_000, 131_072, clock); // 1.25 GB/s, burst 125 MB
        assertThat(tenGbps.tryAcquire(125_000_000)).isTrue();
        assertThat(tenGbps.tryAcquire(4)).isFalse();
        clock.advance(Duration.ofMillis(10));
        assertThat(tenGbps.available()).isBetween(12_499_000L, 12_500_000L); // 10 ms at 1.25 GB/s

        BandwidthThrottle fastest = BandwidthThrottle.of(1_000_000, 131_072, clock); // 125 GB/s: the @Max
        assertThat(fastest.tryAcquire(1_000_000)).isTrue();
    }

    @Test
    void acquiringWaitsForTheLink() throws Exception {
        BandwidthThrottle throttle = BandwidthThrottle.of(8, 100_000); // 1 MB/s, burst 100 kB
        long started = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            throttle.acquire(100_000); // the first slice is the burst, three more need 0.3 s
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(280));
    }

    @Test
    void unlimitedNeverWaits() throws Exception {
        BandwidthThrottle throttle = BandwidthThrottle.unlimited();
        long started = System.nanoTime();
        throttle.acquire(Long.MAX_VALUE / 2);
        assertThat(throttle.limited()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(100));
    }

    static final class ManualClock implements TimeMeter {

        private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

        void advance(Duration by) {
            nanos.addAndGet(by.toNanos());
        }

        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
