package com.smartlinkauto.gateway.routing;

import java.net.InetSocketAddress;

import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.support.ipresolver.RemoteAddressResolver;
import org.springframework.cloud.gateway.support.ipresolver.XForwardedRemoteAddressResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import com.smartlinkauto.gateway.GatewayProperties;

import reactor.core.publisher.Mono;

/**
 * Who a rate limit counts against: the authenticated user when there is one, else the client address
 * (the TCP peer locally; behind {@code n} trusted proxies, the n-th address from the right of
 * {@code X-Forwarded-For}, which a client cannot forge).
 */
@Configuration(proxyBeanMethods = false)
class RateLimitKeyConfiguration {

    @Bean
    RemoteAddressResolver clientAddressResolver(GatewayProperties properties) {
        return properties.trustedProxyHops() > 0
                ? XForwardedRemoteAddressResolver.maxTrustedIndex(properties.trustedProxyHops())
                : new RemoteAddressResolver() {
                };
    }

    @Bean
    @Primary
    KeyResolver clientKeyResolver(RemoteAddressResolver clientAddressResolver) {
        return exchange -> exchange.getPrincipal()
                .map(principal -> "user:" + principal.getName())
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    InetSocketAddress address = clientAddressResolver.resolve(exchange);
                    return address == null || address.getAddress() == null ? "ip:unknown"
                            : "ip:" + address.getAddress().getHostAddress();
                }));
    }
}
