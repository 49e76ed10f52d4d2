package com.smartlinkauto.gateway.revocation;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;

/** Wraps the gateway's token decoder with the deny-list check ({@link RevocationCheckingJwtDecoder}). */
@Component
public class TokenRevocation {

    private final ReactiveStringRedisTemplate redis;
    private final TokenRevocationProperties properties;
    private final MeterRegistry meters;

    TokenRevocation(ReactiveStringRedisTemplate redis, TokenRevocationProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.properties = properties;
        this.meters = meters;
    }

    public ReactiveJwtDecoder checking(ReactiveJwtDecoder decoder) {
        return new RevocationCheckingJwtDecoder(decoder, redis, properties, meters);
    }
}
