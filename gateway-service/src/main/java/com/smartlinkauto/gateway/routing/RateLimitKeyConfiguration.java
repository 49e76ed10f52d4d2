package com.smartlinkauto.gateway.routing;

import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import com.smartlinkauto.gateway.clientaddress.ClientAddresses;

import reactor.core.publisher.Mono;

/**
 * Who a rate limit counts against: the authenticated user when there is one, else the client address
 * ({@link ClientAddresses}: the TCP peer, or behind trusted proxies the address they forwarded, which a
 * client cannot forge).
 */
@Configuration(proxyBeanMethods = false)
class RateLimitKeyConfiguration {

    @Bean
    @Primary
    KeyResolver clientKeyResolver(ClientAddresses clientAddresses) {
        return exchange -> exchange.getPrincipal()
                .map(principal -> "user:" + principal.getName())
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    String address = clientAddresses.clientAddress(exchange.getRequest());
                    return address == null ? "ip:unknown" : "ip:" + address;
                }));
    }
}
