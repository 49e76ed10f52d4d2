package com.smartlinkauto.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.TestPropertySource;

import com.smartlinkauto.testsupport.IntegrationTest;

import io.lettuce.core.ClientOptions;

/**
 * The gateway's Redis replies (deny list, rate limiter) continue on Lettuce's computation threads, not on
 * its one I/O event loop ({@link RedisClientConfiguration}); against the real Redis. A customizer of the
 * wrong type would be ignored without a word, so both the client's options and the thread a reply
 * arrives on are checked.
 */
@IntegrationTest
@TestPropertySource(properties = "spring.config.import=file:../config-repo/application.yml,"
        + "file:../config-repo/gateway-service.yml")
class RedisRepliesIT {

    @Autowired
    ReactiveRedisConnectionFactory connections;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Test
    void theClientPublishesRepliesOnASchedulerOfItsOwn() {
        LettuceConnectionFactory lettuce = (LettuceConnectionFactory) connections;
        assertThat(lettuce.getClientConfiguration().getClientOptions()).get()
                .extracting(ClientOptions::isPublishOnScheduler).isEqualTo(true);
    }

    @Test
    void aReplyContinuesOffTheEventLoop() {
        String thread = redis.hasKey("smartlink:test:no-such-key")
                .map(found -> Thread.currentThread().getName()).block(Duration.ofSeconds(5));
        assertThat(thread).isNotNull().doesNotContain("EventLoop").startsWith("lettuce-");
    }
}
