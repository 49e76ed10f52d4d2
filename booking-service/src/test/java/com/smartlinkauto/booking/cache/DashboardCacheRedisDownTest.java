package com.smartlinkauto.booking.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.boot.context.properties.bind.Binder;

import com.smartlinkauto.booking.config.BookingProperties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Redis down is a miss, never an error: a real Redisson client whose Redis is a port nothing listens on. Every read
 * answers what the database would (the loader), counted as {@code error}; an invalidation is logged and counted, not
 * thrown; and requests that miss the same entry at once still share one computation (single flight).
 */
class DashboardCacheRedisDownTest {

    private RedissonClient redisson;
    private SimpleMeterRegistry meters;
    private DashboardCache cache;

    /** A view as the dashboards cache them. */
    record Figures(String partner, long grossMinor) {
    }

    @BeforeEach
    void cacheWithoutRedis() {
        Config config = new Config();
        config.setLazyInitialization(true).setThreads(2).setNettyThreads(2);
        config.useSingleServer().setAddress("redis://127.0.0.1:1").setConnectTimeout(300).setTimeout(300)
                .setRetryAttempts(0).setConnectionMinimumIdleSize(0).setSubscriptionConnectionMinimumIdleSize(0);
        redisson = Redisson.create(config);
        meters = new SimpleMeterRegistry();
        BookingProperties properties = new Binder().bindOrCreate("smartlink.bookings", BookingProperties.class);
        cache = new DashboardCache(redisson, JsonMapper.builder().build(), properties, meters);
    }

    @AfterEach
    void stop() {
        redisson.shutdown(0, 2, TimeUnit.SECONDS);
    }

    private double requests(String result) {
        return meters.counter("smartlink.cache.requests", "cache", DashboardCache.EARNINGS, "result", result).count();
    }

    @Test
    void everyReadIsComputedAndCountedAsAnErrorAndAnInvalidationNeverThrows() {
        for (int i = 0; i < 8; i++) {
            Figures figures = cache.readThrough(DashboardCache.EARNINGS, List.of("partner:a"), "key", Figures.class,
                    () -> new Figures("a", 4_200));
            assertThat(figures).isEqualTo(new Figures("a", 4_200));
        }
        assertThat(requests("error")).isEqualTo(8);
        assertThat(requests("hit")).isZero();
        cache.invalidate(List.of("partner:a", "revenue"));
        assertThat(meters.counter("smartlink.bookings.cache.invalidations", "result", "error").count()).isEqualTo(1);
        // a loader's own failure is the caller's, as without a cache
        try {
            cache.readThrough(DashboardCache.EARNINGS, List.of("partner:a"), "key", Figures.class, () -> {
                throw new IllegalStateException("database down too");
            });
        }
        catch (IllegalStateException ex) {
            assertThat(ex).hasMessage("database down too");
        }
    }

    @Test
    void requestsMissingTheSameEntryTogetherShareOneComputation() throws Exception {
        // the breaker opens after a few failed calls: from then on no request waits for Redis at all
        for (int i = 0; i < 6; i++) {
            cache.readThrough(DashboardCache.EARNINGS, List.of("partner:warm-up"), "k", Figures.class,
                    () -> new Figures("w", 1));
        }
        AtomicInteger computations = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(5, task -> {
            Thread thread = new Thread(task, "single-flight-" + threads.size());
            threads.add(thread);
            return thread;
        });
        try {
            List<Future<Figures>> answers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                answers.add(pool.submit(() -> cache.readThrough(DashboardCache.EARNINGS, List.of("partner:b"), "same",
                        Figures.class, () -> {
                            computations.incrementAndGet();
                            try {
                                release.await(30, TimeUnit.SECONDS);
                            }
                            catch (InterruptedException ex) {
                                Thread.currentThread().interrupt();
                            }
                            return new Figures("b", 99);
                        })));
            }
            // all five parked: one computing (held by the latch), four waiting for its result
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> threads.size() == 5
                    && threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING
                            || t.getState() == Thread.State.TIMED_WAITING)
                    && computations.get() >= 1);
            release.countDown();
            for (Future<Figures> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(new Figures("b", 99));
            }
            assertThat(computations).hasValue(1);
        }
        finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}
