package com.smartlinkauto.gateway.clientaddress;

import java.util.List;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes the {@code X-Forwarded-For} of every proxied request from {@link ClientAddresses#forwardedChain}:
 * the peer appended to a trusted proxy's header, or the peer alone. Runs after Spring Cloud Gateway's own
 * X-Forwarded filter (order 0), which keeps {@code X-Forwarded-Proto/Host/Port/Prefix} of trusted proxies
 * and drops every {@code X-Forwarded-*} header of anyone else.
 */
@Component
class ForwardedForHeadersFilter implements HttpHeadersFilter, Ordered {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";

    private final ClientAddresses clientAddresses;

    ForwardedForHeadersFilter(ClientAddresses clientAddresses) {
        this.clientAddresses = clientAddresses;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders updated = new HttpHeaders();
        for (var header : input.headerSet()) {
            if (!X_FORWARDED_FOR.equalsIgnoreCase(header.getKey())) {
                updated.addAll(header.getKey(), header.getValue());
            }
        }
        List<String> chain = clientAddresses.forwardedChain(exchange.getRequest());
        if (!chain.isEmpty()) {
            updated.set(X_FORWARDED_FOR, String.join(", ", chain));
        }
        return updated;
    }

    @Override
    public int getOrder() {
        return 10;
    }
}
