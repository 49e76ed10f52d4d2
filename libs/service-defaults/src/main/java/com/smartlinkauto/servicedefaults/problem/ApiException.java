package com.smartlinkauto.servicedefaults.problem;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A domain error that maps to one problem response: a status, a stable type and a human detail.
 * Services throw it (or a subclass) from their application layer; the shared advice renders it.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final URI type;
    private final Map<String, Object> properties;

    public ApiException(HttpStatus status, URI type, String detail) {
        this(status, type, detail, Map.of());
    }

    public ApiException(HttpStatus status, URI type, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.type = type;
        this.properties = Map.copyOf(properties);
    }

    public HttpStatus status() {
        return status;
    }

    public URI type() {
        return type;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, what + " not found");
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, detail);
    }
}
