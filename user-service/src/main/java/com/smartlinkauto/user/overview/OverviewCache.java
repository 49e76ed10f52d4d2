package com.smartlinkauto.user.overview;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The overview's parts in the state Redis, read-through: one {@code MGET} for every part an overview needs, one
 * {@code SET ... PX} per part that was served (never for an unavailable one), each kept {@code cacheTtl}. Keys are
 * {@code user-service:overview:v1:<part>} (v1: the parts' JSON shape; a release that changes it changes this, so
 * old entries are not read). A part is the same for every admin, so nothing else goes into the key, and nothing
 * needs invalidating: a minute is the staleness the overview promises.
 * <p>
 * Redis down, slow or answering nonsense is a miss, never an error: the lookup waits at most {@code cacheLookup}
 * and goes through circuit breaker {@value #BREAKER}, which spares the next overviews the wait while Redis stays
 * down. Writes are made by the call that fetched the part, after the overviews waiting for it have it.
 * <p>
 * Metrics: {@code smartlink_cache_requests_total{cache="overview-<part>", result="hit|miss|error"}} (error: Redis
 * could not be asked, or an entry could not be read back; the part was fetched).
 */
class OverviewCache {

    static final String BREAKER = "overview-cache";
    static final String PREFIX = "user-service:overview:v1:";

    private static final Logger log = LoggerFactory.getLogger(OverviewCache.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final Duration ttl;
    private final Duration lookupTimeout;
    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    private final CircuitBreaker breaker;
    private final TimeLimiter limiter;
    private final Map<OverviewPart, Map<String, Counter>> counters = new EnumMap<>(OverviewPart.class);

    OverviewCache(StringRedisTemplate redis, JsonMapper json, Duration ttl, Duration lookupTimeout, Executor executor,
            ScheduledExecutorService scheduler, CircuitBreaker breaker, MeterRegistry meters) {
        this.redis = redis;
        this.json = json;
        this.ttl = ttl;
        this.lookupTimeout = lookupTimeout;
        this.executor = executor;
        this.scheduler = scheduler;
        this.breaker = breaker;
        this.limiter = TimeLimiter.of(BREAKER, TimeLimiterConfig.custom().timeoutDuration(lookupTimeout)
                .cancelRunningFuture(true).build());
        for (OverviewPart part : OverviewPart.values()) {
            Map<String, Counter> results = new java.util.HashMap<>();
            for (String result : List.of("hit", "miss", "error")) {
                results.put(result, Counter.builder("smartlink.cache.requests").description("Cache lookups by outcome")
                        .tag("cache", part.cacheName()).tag("result", result).register(meters));
            }
            counters.put(part, results);
        }
    }

    /** Opens when half of the last 10 calls (at least 5) failed; lets 2 trial calls through after 10 s. */
    static CircuitBreakerConfig breakerConfig() {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(10))
                .permittedNumberOfCallsInHalfOpenState(2)
                .slowCallDurationThreshold(Duration.ofDays(1))
                .build();
    }

    static String key(OverviewPart part) {
        return PREFIX + part.key();
    }

    /** The cached parts among {@code parts} (the others are missing); each lookup counted. Never throws. */
    Map<OverviewPart, AdminOverview.Part> lookup(List<OverviewPart> parts) {
        Map<OverviewPart, AdminOverview.Part> found = new EnumMap<>(OverviewPart.class);
        if (parts.isEmpty()) {
            return found;
        }
        List<String> keys = new ArrayList<>(parts.size());
        for (OverviewPart part : parts) {
            keys.add(key(part));
        }
        List<String> values;
        try {
            values = mget(keys);
        }
        catch (RuntimeException ex) {
            log.debug("Overview cache lookup failed, fetching every part: {}", ex.toString());
            parts.forEach(part -> count(part, "error"));
            return found;
        }
        for (int i = 0; i < parts.size(); i++) {
            OverviewPart part = parts.get(i);
            String value = values == null || values.size() <= i ? null : values.get(i);
            if (value == null) {
                count(part, "miss");
                continue;
            }
            AdminOverview.Part cached = read(part, value);
            if (cached == null || cached.status() != AdminOverview.PartStatus.AVAILABLE) {
                count(part, "error");
                continue;
            }
            count(part, "hit");
            found.put(part, cached);
        }
        return found;
    }

    /**
     * {@code MGET} through the breaker and the time limiter: a Redis that does not answer within
     * {@code lookupTimeout} counts against the breaker like one that refuses.
     */
    private List<String> mget(List<String> keys) {
        CompletableFuture<List<String>> lookup = breaker.executeCompletionStage(() -> limiter.executeCompletionStage(
                scheduler, () -> CompletableFuture.supplyAsync(() -> redis.opsForValue().multiGet(keys), executor)))
                .toCompletableFuture();
        try {
            // the limiter ends it; the margin only guards against a scheduler that fell behind
            return lookup.get(lookupTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException ex) {
            throw new IllegalStateException("Redis did not answer within " + lookupTimeout, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException(ex.getCause());
        }
    }

    private AdminOverview.Part read(OverviewPart part, String value) {
        try {
            return json.readValue(value, part.type());
        }
        catch (RuntimeException ex) {
            log.warn("A cached overview part {} could not be read back, fetching it: {}", part.key(), ex.toString());
            return null;
        }
    }

    /**
     * Stores a served part for {@code ttl}; an unavailable part is never stored. Never throws: a failed write is
     * logged and counted against Redis's breaker (the part is fetched again next time).
     */
    void store(OverviewPart part, AdminOverview.Part value) {
        if (value.status() != AdminOverview.PartStatus.AVAILABLE) {
            return;
        }
        try {
            String text = json.writeValueAsString(value);
            breaker.executeRunnable(() -> redis.opsForValue().set(key(part), text, ttl));
        }
        catch (RuntimeException ex) {
            log.debug("Overview cache write failed for {}: {}", part.key(), ex.toString());
        }
    }

    private void count(OverviewPart part, String result) {
        counters.get(part).get(result).increment();
    }
}
