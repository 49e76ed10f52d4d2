package com.smartlinkauto.gateway.web;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Every exception that escapes the gateway's filters and handlers (no route, no instance, a refused
 * connection, a timeout, a bug) becomes a problem+json response; nothing internal leaks into it.
 * Runs before Boot's default handler.
 */
@Component
@Order(-2)
public class ProblemErrorWebExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorWebExceptionHandler.class);

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
        else {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
            detail = "An unexpected error occurred. Quote the correlation id when reporting it.";
            log.error("Unhandled gateway error on {} {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), ex);
        }
        exchange.getResponse().getHeaders().clear();
        return Problems.write(exchange, status, detail);
    }
}
