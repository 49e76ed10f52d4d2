package com.smartlinkauto.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * @param trustedProxyHops how many reverse proxies in front of the gateway append to
 *                         {@code X-Forwarded-For}; 0 (local) means the TCP peer is the client. Set
 *                         together with {@code spring.cloud.gateway.server.webflux.trusted-proxies}
 *                         (see {@code ClientAddresses}). Rate limits key on the client address this yields.
 * @param retryAfterFloorSeconds the smallest {@code Retry-After} a 429 advertises
 */
@Validated
@ConfigurationProperties("smartlink.gateway")
public record GatewayProperties(@DefaultValue("0") @Min(0) @Max(10) int trustedProxyHops,
        @DefaultValue("1") @Min(1) int retryAfterFloorSeconds) {
}
