package com.smartlinkauto.vehicle.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.smartlinkauto.vehicle.VehicleTestSupport;

/** The cache against the real Redis: one computation per missing entry, versioned invalidation. */
class VehicleCacheIT extends VehicleTestSupport {

    @Autowired
    VehicleCache cache;

    @Autowired
    StringRedisTemplate redis;

    /**
     * A version counter that is lost (an allkeys-* eviction policy, a manual DEL) while entries filed under its
     * earlier versions still live must not bring those entries back: neither a read nor an invalidation after the
     * loss may land on a version used before.
     */
    @Test
    void aLostVersionCounterNeverBringsBackAnEntryOfAnEarlierVersion() {
        String key = "it-" + UUID.randomUUID();
        String namespace = "c:it-" + key;
        List<String> namespaces = List.of(namespace);
        assertThat(cache.readThrough(VehicleCache.SEARCH, namespaces, key, () -> "first")).isEqualTo("first");
        cache.invalidate(Set.of(namespace));
        assertThat(cache.readThrough(VehicleCache.SEARCH, namespaces, key, () -> "second")).isEqualTo("second");

        redis.delete(VehicleCache.versionKey(namespace));
        assertThat(cache.readThrough(VehicleCache.SEARCH, namespaces, key, () -> "third"))
                .as("read after the counter was lost").isEqualTo("third");

        redis.delete(VehicleCache.versionKey(namespace));
        cache.invalidate(Set.of(namespace));
        assertThat(cache.readThrough(VehicleCache.SEARCH, namespaces, key, () -> "fourth"))
                .as("invalidation after the counter was lost").isEqualTo("fourth");
        assertThat(redis.getExpire(VehicleCache.versionKey(namespace))).as("counters never expire").isEqualTo(-1);
    }

    @Test
    void requestsMissingTheSameEntryTogetherComputeItOnce() throws Exception {
        String key = "it-" + UUID.randomUUID();
        List<String> namespaces = List.of("c:it-" + key);
        AtomicInteger computations = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        int clients = 12;
        List<Thread> threads = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients, runnable -> {
            Thread thread = new Thread(runnable);
            threads.add(thread);
            return thread;
        });
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                results.add(pool.submit(() -> cache.readThrough(VehicleCache.SEARCH, namespaces, key, () -> {
                    computations.incrementAndGet();
                    try {
                        release.await();
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                    return "{\"computed\":true}";
                })));
            }
            // every client is parked: one inside the computation, the others waiting for it
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> threads.size() == clients
                    && threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
            release.countDown();
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo("{\"computed\":true}");
            }
            assertThat(computations.get()).isEqualTo(1);
            // stored: the next request is a hit without computing
            assertThat(cache.readThrough(VehicleCache.SEARCH, namespaces, key, () -> "recomputed"))
                    .isEqualTo("{\"computed\":true}");
            // a bumped namespace makes it stale
            cache.invalidate(Set.copyOf(namespaces));
            assertThat(cache.readThrough(VehicleCache.SEARCH, namespaces, key, () -> "recomputed"))
                    .isEqualTo("recomputed");
        }
        finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}
