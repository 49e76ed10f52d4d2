package com.smartlinkauto.gateway.routing;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import com.smartlinkauto.gateway.web.Problems;
import com.smartlinkauto.gateway.web.RequestIdLogging;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Where a route's circuit breaker forwards when its service has no live instance, does not answer in
 * time, or has tripped the breaker: a quick 503 problem+json instead of a hang or a 500.
 */
@RestController
class FallbackController {

    private static final Logger log = LoggerFactory.getLogger(FallbackController.class);

    /** Seconds a client should wait before retrying a route whose service is down. */
    static final String RETRY_AFTER_SECONDS = "5";

    private final MeterRegistry meters;

    FallbackController(MeterRegistry meters) {
        this.meters = meters;
    }

    @RequestMapping("/fallback/{service}")
    ResponseEntity<Map<String, Object>> fallback(@PathVariable String service, ServerWebExchange exchange) {
        Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        boolean timedOut = cause instanceof java.util.concurrent.TimeoutException;
        RequestIdLogging.log(exchange,
                () -> log.warn("Fallback for {}: {}", service, cause == null ? "unknown cause" : cause.toString()));
        String safeService = service.matches("[a-z-]{1,40}") ? service : "the service";
        meters.counter("smartlink.gateway.fallbacks", "service", safeService, "cause",
                cause == null ? "unknown" : cause.getClass().getSimpleName()).increment();
        String detail = timedOut ? safeService + " did not answer in time. Try again shortly."
                : safeService + " is unavailable. Try again shortly.";
        HttpStatus status = timedOut ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.SERVICE_UNAVAILABLE;
        Map<String, Object> body = Problems.body(exchange, status,
                timedOut ? ProblemTypes.GATEWAY_TIMEOUT : ProblemTypes.SERVICE_UNAVAILABLE, detail);
        body.put("service", safeService);
        return ResponseEntity.status(status)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }
}
