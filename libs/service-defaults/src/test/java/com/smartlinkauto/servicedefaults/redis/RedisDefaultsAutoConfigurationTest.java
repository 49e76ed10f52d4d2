package com.smartlinkauto.servicedefaults.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.lettuce.core.resource.ClientResources;
import io.netty.util.Timer;

/** The Lettuce client is built with the platform's timer, and the timer stops with the context. */
class RedisDefaultsAutoConfigurationTest {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(RedisDefaultsAutoConfiguration.class, DataRedisAutoConfiguration.class));

    @Test
    void lettucesClientResourcesUseTheCoarserTimerWhichStopsWithTheContext() {
        AtomicReference<Timer> timer = new AtomicReference<>();
        contexts.run(context -> {
            assertThat(context).hasSingleBean(LettuceTimer.class).hasSingleBean(ClientResources.class);
            Timer ours = context.getBean(LettuceTimer.class).timer();
            assertThat(context.getBean(ClientResources.class).timer()).isSameAs(ours);
            ours.newTimeout(t -> { }, 1, TimeUnit.HOURS).cancel();
            timer.set(ours);
        });
        // closed: the client resources were shut down first (nothing left to schedule), then the wheel stopped
        assertThatIllegalStateException().isThrownBy(() -> timer.get().newTimeout(t -> { }, 1, TimeUnit.SECONDS));
    }

    @Test
    void theTickIsAPropertyAndMustBePositive() {
        contexts.withPropertyValues("smartlink.redis.timer-tick=0s")
                .run(context -> assertThat(context).hasFailed());
        contexts.withPropertyValues("smartlink.redis.timer-tick=250ms")
                .run(context -> assertThat(context).hasSingleBean(LettuceTimer.class));
    }
}
