package com.smartlinkauto.user.throttle;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;

/**
 * Bucket4j token buckets kept in Redis (compare-and-swap, shared by every instance), for the login and
 * sign-up throttles. Keys expire once a bucket would be full again, so idle clients cost nothing.
 * Every call may throw when Redis cannot be reached; the throttles then refuse (fail closed).
 */
@Component
public class RedisBuckets implements DisposableBean {

    private static final String PREFIX = "user-service:";

    private final LettuceConnectionFactory connectionFactory;
    private volatile Manager current;

    RedisBuckets(LettuceConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    /** A bucket that refills {@code capacity} tokens evenly over {@code window}. */
    public static BucketConfiguration configuration(int capacity, Duration window) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, window))
                .build();
    }

    /** The bucket under {@code user-service:<key>} (created with {@code configuration} when missing). */
    public BucketProxy bucket(String key, BucketConfiguration configuration) {
        Supplier<BucketConfiguration> supplier = () -> configuration;
        return proxyManager().getProxy((PREFIX + key).getBytes(StandardCharsets.UTF_8), supplier);
    }

    private ProxyManager<byte[]> proxyManager() {
        // the Lettuce client Boot configured (host, port, password, TLS, timeout); Bucket4j opens its own
        // connection with it. A connection factory that was stopped and started again (context pause and
        // restart) has a new client: the manager built on the old, shut-down one is replaced.
        RedisClient client = (RedisClient) connectionFactory.getNativeClient();
        Manager manager = current;
        if (manager == null || manager.client() != client) {
            synchronized (this) {
                manager = current;
                if (manager == null || manager.client() != client) {
                    manager = new Manager(client, Bucket4jLettuce.casBasedBuilder(client)
                            .expirationAfterWrite(ExpirationAfterWriteStrategy
                                    .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                            .build());
                    current = manager;
                }
            }
        }
        return manager.buckets();
    }

    private record Manager(RedisClient client, ProxyManager<byte[]> buckets) {
    }

    @Override
    public void destroy() {
        // the Lettuce client (and so Bucket4j's connection) is closed by the connection factory
        current = null;
    }
}
