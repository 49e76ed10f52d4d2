package com.smartlinkauto.booking.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;

import io.netty.util.HashedWheelTimer;

/**
 * Redisson's timer wheel ticks every 100 ms, not every 10-49 ms: it derives the tick from {@code min(retry delay,
 * time-out)}, and its default retry delay is jittered (0.5-1 s), which made an idle booking-service instance spend
 * ~1 % of a core on the wheel's thread (bench/idle.sh). The client is lazy: nothing connects to Redis here.
 */
class RedissonConfigurationTest {

    @Test
    void theTimerWheelTicksEvery100Milliseconds() throws Exception {
        for (Duration timeout : new Duration[] { Duration.ofSeconds(2), Duration.ofMillis(1500), null }) {
            DataRedisProperties redis = new DataRedisProperties();
            redis.setTimeout(timeout);
            RedissonClient client = new RedissonConfiguration().redisson(redis);
            try {
                HashedWheelTimer timer = ((Redisson) client).getServiceManager().getTimer();
                Field tick = HashedWheelTimer.class.getDeclaredField("tickDuration");
                tick.setAccessible(true);
                assertThat(Duration.ofNanos((long) tick.get(timer))).as("tick with a time-out of %s", timeout)
                        .isEqualTo(Duration.ofMillis(100));
            }
            finally {
                client.shutdown();
            }
        }
    }
}
