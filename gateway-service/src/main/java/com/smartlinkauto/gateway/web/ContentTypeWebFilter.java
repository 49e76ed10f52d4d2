package com.smartlinkauto.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.smartlinkauto.servicedefaults.problem.ProblemTypes;

import reactor.core.publisher.Mono;

/**
 * A {@code Content-Type} that is no media type ({@code çé/🚗; charset="x}) is refused at the edge with 415
 * problem+json. Left to the routes, it made the filters that look at the body fail, and a route with a
 * circuit breaker answered 503 "service unavailable" for a service that was fine.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class ContentTypeWebFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        if (headers.containsHeader(HttpHeaders.CONTENT_TYPE)) {
            try {
                headers.getContentType();
            }
            catch (InvalidMediaTypeException ex) {
                return Problems.write(exchange, exchange.getResponse(), HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        ProblemTypes.UNSUPPORTED_MEDIA_TYPE, "The Content-Type is not a valid media type.");
            }
        }
        return chain.filter(exchange);
    }
}
