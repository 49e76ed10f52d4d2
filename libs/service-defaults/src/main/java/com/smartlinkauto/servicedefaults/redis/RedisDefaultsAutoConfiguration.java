package com.smartlinkauto.servicedefaults.redis;

import java.time.Duration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import io.lettuce.core.resource.ClientResources;

/**
 * Lettuce's timer wheel ticks every {@code smartlink.redis.timer-tick} (500 ms) instead of every 100 ms
 * ({@link LettuceTimer}), in every service whose Redis client is Lettuce.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass({ ClientResources.class, ClientResourcesBuilderCustomizer.class })
public class RedisDefaultsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LettuceTimer lettuceTimer(Environment environment) {
        return new LettuceTimer(Binder.get(environment).bind("smartlink.redis.timer-tick", Duration.class)
                .orElse(Duration.ofMillis(500)));
    }
}
