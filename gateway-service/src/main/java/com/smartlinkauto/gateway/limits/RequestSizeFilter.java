package com.smartlinkauto.gateway.limits;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;

import com.smartlinkauto.gateway.web.Problems;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Caps the request body of every route: {@code smartlink.gateway.request-size.default-max} (64 KB: JSON),
 * or the route's {@code max-request-size} metadata (uploads). A {@code Content-Length} over the limit is
 * answered 413 problem+json before anything else runs; a body without one (chunked) is counted as it
 * streams through, never buffered, and the exchange fails with 413 at the first byte over the limit (the
 * service behind sees an aborted request). Spring Cloud Gateway's {@code RequestSize} filter only looks at
 * {@code Content-Length}.
 */
@Component
class RequestSizeFilter implements GlobalFilter, Ordered {

    static final String METADATA_KEY = "max-request-size";

    /** Bytes of a refused body read and discarded before the 413, so that the client sees the answer. */
    static final long DRAIN_LIMIT = 2L * 1024 * 1024;

    /** Early among the gateway filters (after the WebFilters: correlation id, token check): before the rate limiter and any proxying. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    private final RequestSizeProperties properties;
    private final MeterRegistry meters;

    RequestSizeFilter(RequestSizeProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.meters = meters;
    }

    static String detail(long limit) {
        return "The request body is larger than this route accepts (" + DataSize.ofBytes(limit).toKilobytes()
                + " KB).";
    }

    /** The limit of a route: its metadata, else the default. */
    long limitOf(Route route) {
        Object configured = route == null ? null : route.getMetadata().get(METADATA_KEY);
        if (configured == null) {
            return properties.defaultMax().toBytes();
        }
        return configured instanceof Number number ? number.longValue()
                : DataSize.parse(configured.toString().strip()).toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        long limit = limitOf(route);
        ServerHttpRequest request = exchange.getRequest();
        long declared = request.getHeaders().getContentLength();
        if (declared > limit) {
            rejected(route, "declared");
            Mono<Void> answer = Problems.write(exchange, exchange.getResponse(), HttpStatus.CONTENT_TOO_LARGE,
                    ProblemTypes.PAYLOAD_TOO_LARGE, detail(limit));
            // A client that sends its body right away gets the answer only if the body is read: a connection
            // closed with unread bytes is reset, and the reset can destroy the answer on its way. Up to
            // DRAIN_LIMIT is read and thrown away first (as Tomcat's max-swallow-size); a bigger body, or a
            // client waiting for 100-continue, gets the answer at once.
            boolean waitsForContinue = "100-continue".equalsIgnoreCase(request.getHeaders().getFirst("Expect"));
            if (declared > DRAIN_LIMIT || waitsForContinue) {
                return answer;
            }
            return request.getBody().doOnNext(DataBufferUtils::release).then().onErrorResume(ex -> Mono.empty())
                    .then(answer);
        }
        if (declared >= 0) {
            // the server reads exactly Content-Length bytes: nothing more can arrive
            return chain.filter(exchange);
        }
        ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                        DataBufferUtils.release(buffer);
                        rejected(route, "streamed");
                        sink.error(new PayloadTooLargeException(limit));
                    }
                    else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private void rejected(Route route, String how) {
        meters.counter("smartlink.gateway.request.too.large", "route", route == null ? "none" : route.getId(),
                "how", how).increment();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
