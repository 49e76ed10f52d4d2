package com.smartlinkauto.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.smartlinkauto.gateway.GatewayProperties;
import com.smartlinkauto.gateway.limits.RedisDownAwareRateLimiter;

import io.micrometer.core.instrument.MeterRegistry;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;

import reactor.core.publisher.Mono;

/**
 * Counts every such rejection ({@code smartlink.gateway.rejections{status}}).
 * <p>
 * Gateway filters that reject an exchange (the Redis rate limiter's 429, a denied key's 403, …) end
 * it with an empty body. This decorator turns such an empty error response into problem+json; for a
 * 429 it adds {@code Retry-After}, computed from the limiter's own replenish-rate header. A refusal by
 * a fail-closed route whose limiter cannot reach Redis ({@link RedisDownAwareRateLimiter}) becomes a 503.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class ErrorBodyWebFilter implements WebFilter {

    static final String REPLENISH_RATE = "X-RateLimit-Replenish-Rate";
    static final String REQUESTED_TOKENS = "X-RateLimit-Requested-Tokens";
    static final String LIMITER_UNAVAILABLE_RETRY_AFTER_SECONDS = "5";

    private final GatewayProperties properties;
    private final MeterRegistry meters;

    public ErrorBodyWebFilter(GatewayProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.meters = meters;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpResponse original = exchange.getResponse();
        ServerHttpResponse decorated = new ServerHttpResponseDecorator(original) {
            @Override
            public Mono<Void> setComplete() {
                HttpStatusCode status = getStatusCode();
                if (status == null || !status.isError() || isCommitted()) {
                    return super.setComplete();
                }
                if (getHeaders().containsHeader(RedisDownAwareRateLimiter.UNAVAILABLE_HEADER)) {
                    return limiterUnavailable(exchange, getDelegate());
                }
                meters.counter("smartlink.gateway.rejections", "status", Integer.toString(status.value())).increment();
                if (status.value() == HttpStatus.TOO_MANY_REQUESTS.value()) {
                    getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds(getHeaders())));
                    return Problems.write(exchange, getDelegate(), status, ProblemTypes.RATE_LIMITED,
                            "Too many requests from this client. Retry after the time in Retry-After.");
                }
                return Problems.write(exchange, getDelegate(), status, ProblemTypes.forStatus(status.value()),
                        "The gateway refused the request.");
            }
        };
        return chain.filter(exchange.mutate().response(decorated).build());
    }

    /**
     * A fail-closed route whose rate limiter could not reach Redis: 503 with {@code Retry-After}, without
     * the limiter's own headers (they describe no real bucket).
     */
    private Mono<Void> limiterUnavailable(ServerWebExchange exchange, ServerHttpResponse response) {
        HttpHeaders headers = response.getHeaders();
        headers.remove(RedisDownAwareRateLimiter.UNAVAILABLE_HEADER);
        headers.headerNames().stream().filter(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("x-ratelimit-"))
                .toList().forEach(headers::remove);
        headers.set(HttpHeaders.RETRY_AFTER, LIMITER_UNAVAILABLE_RETRY_AFTER_SECONDS);
        meters.counter("smartlink.gateway.rejections", "status", "503").increment();
        return Problems.write(exchange, response, HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
                "This request cannot be checked against its rate limit right now. Try again shortly.");
    }

    /** Seconds until the token bucket holds enough tokens for one more request. */
    public long retryAfterSeconds(HttpHeaders headers) {
        double rate = parse(headers.getFirst(REPLENISH_RATE), 0);
        double tokens = parse(headers.getFirst(REQUESTED_TOKENS), 1);
        long seconds = rate <= 0 ? properties.retryAfterFloorSeconds() : (long) Math.ceil(tokens / rate);
        return Math.max(properties.retryAfterFloorSeconds(), seconds);
    }

    private static double parse(String value, double fallback) {
        try {
            return value == null ? fallback : Double.parseDouble(value);
        }
        catch (NumberFormatException ex) {
            return fallback;
        }
    }
}
