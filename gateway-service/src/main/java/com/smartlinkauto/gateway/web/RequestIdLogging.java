package com.smartlinkauto.gateway.web;

import java.util.function.Supplier;

import org.slf4j.MDC;
import org.springframework.web.server.ServerWebExchange;

import com.smartlinkauto.servicedefaults.Correlation;

import reactor.core.publisher.Mono;

/**
 * The request id in the MDC for the gateway's own log lines. Reactor's context propagation runs in its
 * {@code limited} mode here (application.yml): the id travels in the Reactor context (put there by
 * {@link CorrelationIdWebFilter}) and is copied into the MDC only where a log line is written — by these helpers,
 * or by a {@code handle}/{@code tap} operator — instead of being restored around every operator of every request
 * (the {@code auto} mode cost ~22 % of the gateway's CPU per proxied request).
 */
public final class RequestIdLogging {

    private RequestIdLogging() {
    }

    /** Runs {@code logging} with the exchange's request id (when it has one yet) in the MDC. */
    public static void log(ServerWebExchange exchange, Runnable logging) {
        String id = exchange.getAttribute(CorrelationIdWebFilter.ATTRIBUTE);
        run(id, logging);
    }

    /**
     * {@code then} subscribed to after {@code logging} ran with the request id of the subscriber's Reactor context
     * (for code that has no exchange at hand: a decoder, a rate limiter).
     */
    public static <T> Mono<T> log(Runnable logging, Supplier<Mono<T>> then) {
        return Mono.deferContextual(context -> {
            run(context.getOrDefault(Correlation.MDC_KEY, null), logging);
            return then.get();
        });
    }

    /** {@code logging} with {@code id} in the MDC, then the MDC as it was (an event-loop thread serves many requests). */
    private static void run(String id, Runnable logging) {
        if (id == null) {
            logging.run();
            return;
        }
        String before = MDC.get(Correlation.MDC_KEY);
        MDC.put(Correlation.MDC_KEY, id);
        try {
            logging.run();
        }
        finally {
            if (before == null) {
                MDC.remove(Correlation.MDC_KEY);
            }
            else {
                MDC.put(Correlation.MDC_KEY, before);
            }
        }
    }
}
