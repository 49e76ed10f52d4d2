package com.smartlinkauto.vehicle.cache;

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
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import com.smartlinkauto.vehicle.config.VehicleProperties;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Read-through cache in Redis for search pages and vehicle details, as ready-made JSON. Entries are filed
 * under versioned namespaces ({@link CacheNamespaces}); {@link #invalidate} bumps versions instead of
 * deleting keys, so there are no KEYS/SCAN sweeps and no race between a reader filling the cache and a
 * writer invalidating it (a reader that read the old versions stores under keys nobody asks for again).
 * Redis being down makes every read a miss, never an error. Writers never call {@link #invalidate}: they publish
 * {@code VehiclesChanged}, which {@link CacheInvalidation} turns into invalidation after their commit.
 * <p>
 * The version counters have no TTL (entries do), so the cache server's {@code volatile-lru} evicts entries and
 * never a counter. Should a counter still be lost (an {@code allkeys-*} policy, a manual {@code DEL}) while
 * entries filed under its earlier versions live on, it must not start again from a value those entries used:
 * a missing counter is created from the clock (microseconds since the epoch, {@link #seed()}) before it is
 * read or incremented, so a recreated counter is always above every version handed out before.
 * <p>
 * Metrics: {@code smartlink_cache_requests_total{cache="search|vehicle", result="hit|miss|error"}}.
 */
@Component
public class VehicleCache {

    public static final String SEARCH = "search";
    public static final String VEHICLE = "vehicle";

    private static final Logger log = LoggerFactory.getLogger(VehicleCache.class);
    private static final String PREFIX = "vehicle-service:";

    /**
     * Bumps every counter in KEYS; a missing counter starts from the clock (ARGV[1]), not from 0 (see the
     * class comment).
     */
    private static final RedisScript<Long> BUMP = RedisScript.of("""
            for _, key in ipairs(KEYS) do
              redis.call('SET', key, ARGV[1], 'NX')
              redis.call('INCR', key)
            end
            return #KEYS
            """, Long.class);

    private final StringRedisTemplate redis;
    private final VehicleProperties.Cache properties;
    private final Map<String, Counter> counters = new HashMap<>();
    private final ConcurrentMap<String, CompletableFuture<String>> inFlight = new ConcurrentHashMap<>();

    VehicleCache(StringRedisTemplate redis, VehicleProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.properties = properties.cache();
        for (String cache : List.of(SEARCH, VEHICLE)) {
            for (String result : List.of("hit", "miss", "error")) {
                counters.put(cache + ":" + result, Counter.builder("smartlink.cache.requests")
                        .description("Cache lookups by outcome").tag("cache", cache).tag("result", result)
                        .register(meters));
            }
        }
    }

    /**
     * The cached value of {@code key} under the current versions of {@code namespaces}, or what
     * {@code loader} computes (then stored for the cache's TTL). A null from the loader is not cached.
     */
    public String readThrough(String cache, Collection<String> namespaces, String key, Supplier<String> loader) {
        if (!properties.enabled()) {
            return loader.get();
        }
        String entryKey;
        try {
            entryKey = entryKey(cache, namespaces, key);
            String cached = redis.opsForValue().get(entryKey);
            if (cached != null) {
                counter(cache, "hit").increment();
                return cached;
            }
        }
        catch (DataAccessException ex) {
            counter(cache, "error").increment();
            log.debug("Cache read failed, reading the database: {}", ex.toString());
            return loader.get();
        }
        counter(cache, "miss").increment();
        // one computation per key at a time in this instance: requests missing the same entry together
        // (a popular search that just expired) wait for it instead of all querying the database
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> running = inFlight.putIfAbsent(entryKey, mine);
        if (running != null) {
            return await(running);
        }
        try {
            String value = loader.get();
            mine.complete(value);
            if (value != null) {
                store(cache, entryKey, value);
            }
            return value;
        }
        catch (RuntimeException ex) {
            mine.completeExceptionally(ex);
            throw ex;
        }
        finally {
            inFlight.remove(entryKey, mine);
        }
    }

    private void store(String cache, String entryKey, String value) {
        try {
            redis.opsForValue().set(entryKey, value, ttl(cache));
        }
        catch (DataAccessException ex) {
            counter(cache, "error").increment();
            log.debug("Cache write failed: {}", ex.toString());
        }
    }

    private static String await(CompletableFuture<String> running) {
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

    /** Bumps the namespaces' versions now: every entry filed under them is stale from here on. */
    public void invalidate(Collection<String> namespaces) {
        if (namespaces.isEmpty()) {
            return;
        }
        try {
            // one script on the shared connection: a pipeline would borrow a dedicated connection per call
            // (opened and closed each time under the booking projection's stream of invalidations)
            redis.execute(BUMP, List.copyOf(versionKeys(namespaces)), seed());
        }
        catch (DataAccessException ex) {
            // entries expire within their TTL; the events that triggered this are redelivered only on failure
            log.warn("Could not invalidate cache namespaces {}: {}", namespaces, ex.toString());
        }
    }

    private static List<String> versionKeys(Collection<String> namespaces) {
        List<String> keys = new ArrayList<>(namespaces.size());
        for (String namespace : namespaces) {
            keys.add(versionKey(namespace));
        }
        return keys;
    }

    private String entryKey(String cache, Collection<String> namespaces, String key) {
        List<String> versionKeys = versionKeys(namespaces);
        List<String> versions = redis.opsForValue().multiGet(versionKeys);
        StringBuilder material = new StringBuilder(key);
        int i = 0;
        for (String namespace : namespaces) {
            String version = versions == null ? null : versions.get(i);
            if (version == null) {
                version = createVersion(versionKeys.get(i));
            }
            i++;
            material.append('|').append(namespace).append('=').append(version);
        }
        return PREFIX + cache + ":" + sha256(material.toString());
    }

    /**
     * The TTL less up to a fifth at random: entries filled together (a burst of searches) do not all
     * expire, and refill, in the same second.
     */
    private Duration ttl(String cache) {
        Duration ttl = SEARCH.equals(cache) ? properties.searchTtl() : properties.vehicleTtl();
        long millis = ttl.toMillis();
        return Duration.ofMillis(millis - ThreadLocalRandom.current().nextLong(millis / 5 + 1));
    }

    /** The current version of a namespace whose counter is missing: created from the clock unless another instance was first. */
    private String createVersion(String versionKey) {
        String seed = seed();
        if (Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(versionKey, seed))) {
            return seed;
        }
        String current = redis.opsForValue().get(versionKey);
        return current == null ? seed : current;
    }

    /** Microseconds since the epoch: above every version a counter created earlier has reached (one per invalidation). */
    static String seed() {
        Instant now = Instant.now();
        return Long.toString(now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000);
    }

    static String versionKey(String namespace) {
        return PREFIX + "ns:" + namespace;
    }

    private Counter counter(String cache, String result) {
        return counters.get(cache + ":" + result);
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
