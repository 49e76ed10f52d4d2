package com.smartlinkauto.gateway.web;

import java.net.URI;
import java.util.Map;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import com.smartlinkauto.servicedefaults.Correlation;
import com.smartlinkauto.servicedefaults.problem.ProblemBodies;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Builds and writes the gateway's RFC 9457 bodies, in the same shape the services use. */
public final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    public static Map<String, Object> body(ServerWebExchange exchange, HttpStatusCode status, URI type,
            String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setInstance(instance(exchange.getRequest().getPath().value()));
        String correlationId = exchange.getAttribute(CorrelationIdWebFilter.ATTRIBUTE);
        if (correlationId == null) {
            correlationId = exchange.getRequest().getHeaders().getFirst(Correlation.HEADER);
        }
        if (correlationId != null) {
            problem.setProperty("correlationId", correlationId);
        }
        return ProblemBodies.toMap(problem);
    }

    /** The path as a problem's {@code instance}; none when a malformed request's path is no valid URI. */
    static URI instance(String path) {
        try {
            return new URI(path);
        }
        catch (java.net.URISyntaxException ex) {
            return null;
        }
    }

    /** Writes a problem body on a response that is not committed yet. */
    public static Mono<Void> write(ServerWebExchange exchange, ServerHttpResponse response, HttpStatusCode status,
            URI type, String detail) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] bytes = JSON.writeValueAsBytes(body(exchange, status, type, detail));
        response.getHeaders().setContentLength(bytes.length);
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }

    public static Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String detail) {
        return write(exchange, exchange.getResponse(), status, ProblemTypes.forStatus(status.value()), detail);
    }
}
