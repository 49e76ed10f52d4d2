package com.smartlinkauto.user.overview;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Redis down is a miss, never an error: against a port where nothing listens, a lookup finds nothing (every part
 * counted {@code error}) within its bound, a write is dropped without a failure, and after a few failures the
 * breaker spares the next overviews the attempt.
 */
class OverviewCacheWithoutRedisTest {

    private LettuceConnectionFactory connections;
    private ExecutorService executor;
    private ScheduledExecutorService scheduler;
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final CircuitBreaker breaker = CircuitBreaker.of(OverviewCache.BREAKER, OverviewCache.breakerConfig());
    private OverviewCache cache;

    @BeforeEach
    void cacheOnADeadPort() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2)).build());
        connections.afterPropertiesSet();
        connections.start();
        StringRedisTemplate redis = new StringRedisTemplate(connections);
        executor = Executors.newFixedThreadPool(4);
        scheduler = Executors.newSingleThreadScheduledExecutor();
        cache = new OverviewCache(redis, JsonMapper.builder().build(), Duration.ofMinutes(1), Duration.ofMillis(300),
                executor, scheduler, breaker, meters);
    }

    @AfterEach
    void close() {
        connections.destroy();
        executor.shutdownNow();
        scheduler.shutdownNow();
    }

    private double errors(OverviewPart part) {
        return meters.get("smartlink.cache.requests").tags("cache", part.cacheName(), "result", "error").counter()
                .count();
    }

    @Test
    void aLookupIsAMissAWriteIsDroppedAndTheBreakerOpens() {
        List<OverviewPart> parts = List.of(OverviewPart.values());
        long start = System.nanoTime();
        Map<OverviewPart, AdminOverview.Part> found = cache.lookup(parts);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));
        assertThat(found).isEmpty();
        for (OverviewPart part : parts) {
            assertThat(errors(part)).as(part.key()).isEqualTo(1);
        }

        cache.store(OverviewPart.VEHICLES, new AdminOverview.VehiclesPart(AdminOverview.PartStatus.AVAILABLE, null,
                Instant.now(), 1L, 1L, 0L, 1L, Map.of("ACTIVE", 1L)));

        for (int i = 0; i < 5; i++) {
            assertThat(cache.lookup(parts)).isEmpty();
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        start = System.nanoTime();
        assertThat(cache.lookup(parts)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("an open breaker does not wait")
                .isLessThan(Duration.ofMillis(100));
        assertThat(errors(OverviewPart.USERS)).isEqualTo(7);
    }
}
