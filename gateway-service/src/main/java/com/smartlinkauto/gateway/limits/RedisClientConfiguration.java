package com.smartlinkauto.gateway.limits;

import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's Redis client hands every reply to Lettuce's computation threads
 * ({@code ClientOptions.publishOnScheduler}) instead of completing it on its one I/O thread. Every request
 * asks Redis twice (the token deny list, then the rate limiter's script), and a reactive chain carries on on
 * the thread that completed its last step: without this, the rest of each request's filter chain (JWT
 * checks, routing, the call to the service, observations) ran on the single Lettuce event loop, which then
 * read the next replies late: under the booking benchmark's load, about a thousand deny-list lookups per run
 * missed their 500 ms budget (figures in the README, the gateway).
 */
@Configuration(proxyBeanMethods = false)
class RedisClientConfiguration {

    @Bean
    LettuceClientOptionsBuilderCustomizer publishRepliesOffTheEventLoop() {
        return options -> options.publishOnScheduler(true);
    }
}
