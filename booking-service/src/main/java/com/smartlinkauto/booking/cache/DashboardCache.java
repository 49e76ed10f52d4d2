package com.smartlinkauto.booking.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.smartlinkauto.booking.config.BookingProperties;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Read-through cache in the state Redis for the dashboards (partner earnings, a renter's totals, the admin revenue,
 * the admin overview's bookings and revenue part, a partner's fleet status), as JSON. The same scheme as vehicle-service's search cache: entries are filed under versioned namespaces
 * ({@link CacheNamespaces}); {@link #invalidate} bumps versions instead of deleting keys, so there are no KEYS/SCAN
 * sweeps and no race between a reader filling the cache and a writer invalidating it (a reader that read the old
 * versions stores under a key nobody asks for again; it expires with its TTL). Callers never invalidate directly:
 * {@link CacheInvalidation} does it after their transaction commits.
 * <p>
 * Redis being down makes every read a miss, never an error: the value is computed from the database. A circuit
 * breaker ({@code dashboard-cache}: half of the last 10 calls failed, at least 5; 5 s open) spares readers the
 * time-out of every call while it is down. Requests missing the same entry at once in one instance wait for one
 * computation (single flight) instead of all querying the database.
 * <p>
 * The version counters have no TTL (entries do), so a {@code volatile-*} eviction policy evicts entries and never a
 * counter. A missing counter (lost, or never created) is created from the clock (microseconds since the epoch),
 * never from 0, so a recreated counter is above every version handed out before.
 * <p>
 * Metrics: {@code smartlink_cache_requests_total{cache="earnings|renter-history|revenue|overview|fleet", result="hit|miss|error"}}
 * (error: Redis could not be asked, or an entry could not be read back; the value was computed),
 * {@code smartlink_bookings_cache_invalidations_total{result="ok|error"}} and
 * {@code resilience4j_circuitbreaker_*{name="dashboard-cache"}}.
 */
@Component
public class DashboardCache {

    public static final String EARNINGS = "earnings";
    public static final String RENTER_HISTORY = "renter-history";
    public static final String REVENUE = "revenue";
    public static final String OVERVIEW = "overview";
    public static final String FLEET = "fleet";

    static final String CIRCUIT_BREAKER = "dashboard-cache";

    private static final Logger log = LoggerFactory.getLogger(DashboardCache.class);
    /** v1: the entries' JSON shape; a release that changes a view's shape changes this, so old entries are not read. */
    static final String PREFIX = "booking-service:dashboards:v1:";

    /** Bumps every counter in KEYS; a missing one starts from the clock (ARGV[1]), not from 0 (see the class comment). */
    private static final String BUMP = """
            for _, key in ipairs(KEYS) do
              redis.call('SET', key, ARGV[1], 'NX')
              redis.call('INCR', key)
            end
            return #KEYS
            """;

    private final RedissonClient redisson;
    private final JsonMapper json;
    private final BookingProperties.Cache properties;
    private final CircuitBreaker breaker;
    private final Map<String, Counter> counters = new HashMap<>();
    private final Counter invalidated;
    private final Counter invalidationFailed;
    private final ConcurrentMap<String, CompletableFuture<Object>> inFlight = new ConcurrentHashMap<>();

    DashboardCache(RedissonClient redisson, JsonMapper json, BookingProperties properties, MeterRegistry meters) {
        this.redisson = redisson;
        this.json = json;
        this.properties = properties.cache();
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
        this.breaker = registry.circuitBreaker(CIRCUIT_BREAKER, breakerConfig());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        for (String cache : List.of(EARNINGS, RENTER_HISTORY, REVENUE, OVERVIEW, FLEET)) {
            for (String result : List.of("hit", "miss", "error")) {
                counters.put(cache + ":" + result, Counter.builder("smartlink.cache.requests")
                        .description("Cache lookups by outcome").tag("cache", cache).tag("result", result)
                        .register(meters));
            }
        }
        this.invalidated = invalidations(meters, "ok");
        this.invalidationFailed = invalidations(meters, "error");
    }

    private static Counter invalidations(MeterRegistry meters, String result) {
        return Counter.builder("smartlink.bookings.cache.invalidations")
                .description("Bumps of the dashboards' cache namespaces (one per committed change)")
                .tag("result", result).register(meters);
    }

    static CircuitBreakerConfig breakerConfig() {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(5))
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .slowCallDurationThreshold(Duration.ofDays(1))
                .build();
    }

    /**
     * The cached value of {@code key} under the current versions of {@code namespaces}, or what {@code loader}
     * computes (then stored for the cache's TTL). Never fails because of Redis.
     */
    public <T> T readThrough(String cache, Collection<String> namespaces, String key, Class<T> type,
            Supplier<T> loader) {
        return readThrough(cache, namespaces, key, type, loader, value -> null);
    }

    /**
     * {@link #readThrough(String, Collection, String, Class, Supplier)} for a value that goes stale by the clock alone
     * at {@code staleAt(value)} (null: never) — a rental that starts without an event: it is kept until then at most
     * (not at all when that has passed), its TTL otherwise.
     */
    public <T> T readThrough(String cache, Collection<String> namespaces, String key, Class<T> type,
            Supplier<T> loader, Function<? super T, Instant> staleAt) {
        return lookUp(cache, namespaces, key, cached -> read(cached, type), loader, staleAt);
    }

    /**
     * {@link #readThrough(String, Collection, String, Class, Supplier)} answering the entry's JSON text: a hit is the
     * stored text as it is, never parsed and written again (a controller sends it as the response body); a miss is
     * {@code loader}'s value written once, stored and answered.
     */
    public String readThroughJson(String cache, Collection<String> namespaces, String key, Supplier<?> loader) {
        return lookUp(cache, namespaces, key, DashboardCache::jsonText,
                () -> new JsonText(json.writeValueAsString(loader.get())), value -> null).text();
    }

    /** The entry's text as one JSON object, as stored; null when it is not (then computed again and overwritten). */
    private static JsonText jsonText(String cached) {
        String text = cached.strip();
        if (text.length() >= 2 && text.charAt(0) == '{' && text.charAt(text.length() - 1) == '}') {
            return new JsonText(cached);
        }
        log.warn("A cached dashboard is not a JSON object, computing it again");
        return null;
    }

    /** A value already written as JSON (stored as it is). */
    private record JsonText(String text) {
    }

    /** The cache's read-through: {@code parse} turns a stored text back into a value (null: unreadable). */
    private <T> T lookUp(String cache, Collection<String> namespaces, String key, Function<String, T> parse,
            Supplier<T> loader, Function<? super T, Instant> staleAt) {
        if (!properties.enabled()) {
            return loader.get();
        }
        String entryKey;
        try {
            entryKey = redis(() -> entryKey(cache, namespaces, key));
            String cached = redis(() -> redisson.<String>getBucket(entryKey, StringCodec.INSTANCE).get());
            if (cached != null) {
                T value = parse.apply(cached);
                if (value != null) {
                    counter(cache, "hit").increment();
                    return value;
                }
                counter(cache, "error").increment();
                return singleFlight(cache, entryKey, loader, staleAt, true);
            }
        }
        catch (RedisUnavailable ex) {
            counter(cache, "error").increment();
            // still one computation per key at a time: a burst while Redis is down does not multiply the queries
            return singleFlight(cache, cache + "|" + key + "|" + namespaces, loader, staleAt, false);
        }
        counter(cache, "miss").increment();
        return singleFlight(cache, entryKey, loader, staleAt, true);
    }

    /** One computation per entry at a time in this instance; the others wait for its result. */
    @SuppressWarnings("unchecked")
    private <T> T singleFlight(String cache, String flightKey, Supplier<T> loader,
            Function<? super T, Instant> staleAt, boolean store) {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = inFlight.putIfAbsent(flightKey, mine);
        if (running != null) {
            return (T) await(running);
        }
        try {
            T value = loader.get();
            mine.complete(value);
            if (value != null && store) {
                Duration ttl = ttl(cache, staleAt.apply(value));
                if (ttl != null) {
                    store(cache, flightKey, value, ttl);
                }
            }
            return value;
        }
        catch (RuntimeException ex) {
            mine.completeExceptionally(ex);
            throw ex;
        }
        finally {
            inFlight.remove(flightKey, mine);
        }
    }

    private void store(String cache, String entryKey, Object value, Duration ttl) {
        try {
            String text = value instanceof JsonText written ? written.text() : json.writeValueAsString(value);
            redis(() -> {
                redisson.getBucket(entryKey, StringCodec.INSTANCE).set(text, ttl);
                return null;
            });
        }
        catch (RedisUnavailable ex) {
            counter(cache, "error").increment();
            log.debug("Cache write failed: {}", ex.getMessage());
        }
    }

    /** The entry as stored; null when it cannot be read back (then it is computed again and overwritten). */
    private <T> T read(String cached, Class<T> type) {
        try {
            return json.readValue(cached, type);
        }
        catch (RuntimeException ex) {
            log.warn("A cached {} could not be read back, computing it again: {}", type.getSimpleName(), ex.toString());
            return null;
        }
    }

    private static Object await(CompletableFuture<Object> running) {
        try {
            return running.join();
        }
        catch (CompletionException ex) {
            if (ex.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw ex;
        }
    }

    /**
     * Bumps the namespaces' versions now: every entry filed under them is stale from here on. Redis unreachable:
     * logged and counted; the entries expire within their TTL.
     */
    public void invalidate(Collection<String> namespaces) {
        if (namespaces.isEmpty()) {
            return;
        }
        List<Object> keys = new ArrayList<>(namespaces.size());
        for (String namespace : namespaces) {
            keys.add(versionKey(namespace));
        }
        try {
            // one script, one round trip, however many namespaces
            redis(() -> redisson.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, BUMP,
                    RScript.ReturnType.LONG, keys, seed()));
            invalidated.increment();
        }
        catch (RedisUnavailable ex) {
            invalidationFailed.increment();
            log.warn("Could not invalidate the dashboards' cache namespaces {} (stale until their TTL): {}", namespaces,
                    ex.getMessage());
        }
    }

    private String entryKey(String cache, Collection<String> namespaces, String key) {
        List<String> versionKeys = new ArrayList<>(namespaces.size());
        for (String namespace : namespaces) {
            versionKeys.add(versionKey(namespace));
        }
        Map<String, String> versions = redisson.getBuckets(StringCodec.INSTANCE).get(versionKeys.toArray(String[]::new));
        StringBuilder material = new StringBuilder(key);
        int i = 0;
        for (String namespace : namespaces) {
            String versionKey = versionKeys.get(i++);
            String version = versions.get(versionKey);
            if (version == null) {
                version = createVersion(versionKey);
            }
            material.append('|').append(namespace).append('=').append(version);
        }
        return PREFIX + cache + ":" + sha256(material.toString());
    }

    /** The current version of a namespace whose counter is missing: created from the clock unless another was first. */
    private String createVersion(String versionKey) {
        String seed = seed();
        var bucket = redisson.<String>getBucket(versionKey, StringCodec.INSTANCE);
        if (bucket.setIfAbsent(seed)) {
            return seed;
        }
        String current = bucket.get();
        return current == null ? seed : current;
    }

    /**
     * The cache's TTL, cut to what is left until {@code staleAt} (null: no cut); null when that has passed (or is
     * under a millisecond away): then the value is not kept at all.
     */
    private Duration ttl(String cache, Instant staleAt) {
        Duration ttl = ttl(cache);
        if (staleAt == null) {
            return ttl;
        }
        Duration left = Duration.between(Instant.now(), staleAt);
        if (left.toMillis() < 1) {
            return null;
        }
        return left.compareTo(ttl) < 0 ? left : ttl;
    }

    /** The TTL less up to a fifth at random: entries filled together do not all expire, and refill, in one second. */
    private Duration ttl(String cache) {
        Duration ttl = switch (cache) {
            case EARNINGS -> properties.earningsTtl();
            case RENTER_HISTORY -> properties.renterHistoryTtl();
            case OVERVIEW -> properties.overviewTtl();
            case FLEET -> properties.fleetTtl();
            default -> properties.revenueTtl();
        };
        long millis = ttl.toMillis();
        return Duration.ofMillis(millis - ThreadLocalRandom.current().nextLong(millis / 5 + 1));
    }

    /** Microseconds since the epoch: above every version a counter created earlier has reached (one per bump). */
    static String seed() {
        Instant now = Instant.now();
        return Long.toString(now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000);
    }

    static String versionKey(String namespace) {
        return PREFIX + "ns:" + namespace;
    }

    /** The current version of a namespace (tests and diagnostics); null when it has none yet. */
    public String version(String namespace) {
        return redisson.<String>getBucket(versionKey(namespace), StringCodec.INSTANCE).get();
    }

    private Counter counter(String cache, String result) {
        return counters.get(cache + ":" + result);
    }

    /** Runs a Redis call through the breaker; any failure (or the breaker open) is {@link RedisUnavailable}. */
    private <T> T redis(Supplier<T> call) {
        try {
            return breaker.executeSupplier(call);
        }
        catch (CallNotPermittedException ex) {
            throw new RedisUnavailable("circuit breaker " + CIRCUIT_BREAKER + " is open", ex);
        }
        catch (RuntimeException ex) {
            throw new RedisUnavailable(ex.toString(), ex);
        }
    }

    /** Redis could not be asked: the value is computed, never an error for the caller. */
    private static final class RedisUnavailable extends RuntimeException {

        RedisUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
