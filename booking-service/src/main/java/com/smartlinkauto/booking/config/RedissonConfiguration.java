package com.smartlinkauto.booking.config;

import java.time.Duration;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * Redisson on the state Redis ({@code spring.data.redis.*}, i.e. {@code REDIS_HOST}, {@code REDIS_PORT},
 * {@code REDIS_PASSWORD}). Declared here instead of by the starter so that it stays small on two cores (2 worker
 * and 4 Netty threads instead of 16 and 32) and fails fast: one retry and the configured time-out, because a hold
 * that cannot reach Redis goes on without the lock (the database decides) rather than wait. The starter still
 * builds Spring Data Redis' connection factory on this client (the health indicator).
 */
@Configuration(proxyBeanMethods = false)
class RedissonConfiguration {

    @Bean(destroyMethod = "shutdown")
    RedissonClient redisson(DataRedisProperties redis) {
        Config config = new Config();
        // lazy: the service starts (and holds go on without the lock) while Redis is down
        config.setThreads(2).setNettyThreads(4).setLazyInitialization(true);
        int timeout = millis(redis.getTimeout(), 1000);
        config.useSingleServer()
                .setAddress((redis.getSsl().isEnabled() ? "rediss://" : "redis://") + redis.getHost() + ":" + redis.getPort())
                .setDatabase(redis.getDatabase())
                .setConnectionMinimumIdleSize(2)
                .setConnectionPoolSize(32)
                .setSubscriptionConnectionMinimumIdleSize(1)
                .setSubscriptionConnectionPoolSize(16)
                .setTimeout(timeout)
                .setConnectTimeout(millis(redis.getConnectTimeout(), 1000))
                .setRetryAttempts(1)
                // a whole-second retry delay: Redisson ticks its timer wheel every max(10, (m % 100) / 2) ms, m =
                // min(retry delay, time-out), or every 100 ms when m is a whole number of 100 ms above 100. Its
                // default retry delay, a jittered 0.5-1 s, made the wheel tick every 10-49 ms, ~1 % of a core per
                // idle instance (bench/idle.sh, per thread). Lock waits do not ride on the wheel (tryLock waits on a
                // semaphore); command time-outs do, and may fire up to a tick late. RedissonConfigurationTest
                .setRetryDelay(new ConstantDelay(Duration.ofSeconds(1)))
                .setClientName("booking-service");
        if (StringUtils.hasText(redis.getUsername())) {
            config.setUsername(redis.getUsername());
        }
        if (StringUtils.hasText(redis.getPassword())) {
            config.setPassword(redis.getPassword());
        }
        return Redisson.create(config);
    }

    private static int millis(Duration value, int fallback) {
        return value == null ? fallback : (int) Math.min(Integer.MAX_VALUE, value.toMillis());
    }
}
