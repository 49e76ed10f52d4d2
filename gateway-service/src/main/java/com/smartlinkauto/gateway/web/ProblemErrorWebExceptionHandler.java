package com.smartlinkauto.gateway.web;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import com.smartlinkauto.servicedefaults.problem.ProblemTypes;

import reactor.core.publisher.Mono;

/**
 * Every exception that escapes the gateway's filters and handlers (no route, no instance, a refused
 * connection, a connection dropped by the service, a timeout, a bug) becomes a problem+json response;
 * nothing internal leaks into it. Runs before Boot's default handler.
 *
 * <p>Routes without a circuit breaker (the write halves of the upload routes) get here when their
 * service fails: a refused connection is 503 (nothing was sent), a connection the service closed
 * without a complete answer is 502 (the request may or may not have been processed, so the client
 * must not assume either).
 */
@Component
@Order(-2)
public class ProblemErrorWebExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorWebExceptionHandler.class);

    static final URI BAD_GATEWAY = ProblemTypes.of("bad-gateway");

    /** Seconds a client should wait before retrying a route whose service is down (as the fallback's). */
    static final String RETRY_AFTER_SECONDS = "5";

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        HttpStatusCode status;
        String detail;
        if (ex instanceof ResponseStatusException rse) {
            status = rse.getStatusCode();
            detail = switch (status.value()) {
                case 404 -> "No route or resource matches this path.";
                case 503 -> "The service behind this route is unavailable. Try again shortly.";
                default -> rse.getReason() != null ? rse.getReason() : "The request could not be processed.";
            };
        }
        else if (ex instanceof ConnectException) {
            status = HttpStatus.SERVICE_UNAVAILABLE;
            detail = "The service behind this route is unavailable. Try again shortly.";
        }
        else if (ex instanceof TimeoutException) {
            status = HttpStatus.GATEWAY_TIMEOUT;
            detail = "The service behind this route did not answer in time.";
        }
        else if (ex instanceof IOException) {
            // reactor-netty's PrematureCloseException and friends: the service hung up mid-exchange
            RequestIdLogging.log(exchange, () -> log.warn("Upstream connection failed on {} {}: {}",
                    exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex.toString()));
            exchange.getResponse().getHeaders().clear();
            return Problems.write(exchange, exchange.getResponse(), HttpStatus.BAD_GATEWAY, BAD_GATEWAY,
                    "The service behind this route closed the connection without a complete answer; "
                            + "the request may or may not have been processed.");
        }
        else {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
            detail = "An unexpected error occurred. Quote the correlation id when reporting it.";
            RequestIdLogging.log(exchange, () -> log.error("Unhandled gateway error on {} {}",
                    exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex));
        }
        exchange.getResponse().getHeaders().clear();
        if (status.value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            // like the circuit breakers' fallback: write routes (no breaker) whose service is down
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return Problems.write(exchange, status, detail);
    }
}
