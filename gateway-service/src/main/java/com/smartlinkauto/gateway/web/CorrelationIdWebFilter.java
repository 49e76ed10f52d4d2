package com.smartlinkauto.gateway.web;

import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.smartlinkauto.servicedefaults.Correlation;

import io.micrometer.context.ContextRegistry;
import reactor.core.publisher.Mono;

/**
 * Gives every exchange an {@code X-Request-Id}: the client's when it is safe, else a new one. It is
 * passed downstream, returned on every response (routed, rejected or failed), and put in the Reactor
 * context, from which the gateway's log lines about the exchange take it into the MDC
 * ({@link RequestIdLogging}; Reactor's context propagation in its limited mode: a {@code handle} or
 * {@code tap} operator restores it too).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CorrelationIdWebFilter implements WebFilter {

    public static final String ATTRIBUTE = CorrelationIdWebFilter.class.getName() + ".id";

    static {
        ContextRegistry.getInstance().registerThreadLocalAccessor(Correlation.MDC_KEY,
                () -> MDC.get(Correlation.MDC_KEY),
                value -> MDC.put(Correlation.MDC_KEY, value),
                () -> MDC.remove(Correlation.MDC_KEY));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = Correlation.acceptOrGenerate(exchange.getRequest().getHeaders().getFirst(Correlation.HEADER));
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(headers -> headers.set(Correlation.HEADER, id))
                .build();
        ServerWebExchange stamped = exchange.mutate().request(request).build();
        stamped.getAttributes().put(ATTRIBUTE, id);
        stamped.getResponse().beforeCommit(() -> {
            stamped.getResponse().getHeaders().set(Correlation.HEADER, id);
            return Mono.empty();
        });
        return chain.filter(stamped).contextWrite(context -> context.put(Correlation.MDC_KEY, id));
    }
}
