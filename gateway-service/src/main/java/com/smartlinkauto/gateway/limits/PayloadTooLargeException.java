package com.smartlinkauto.gateway.limits;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A request body over its route's limit, found while it streamed through. A {@link ResponseStatusException},
 * so the gateway's error handler answers 413 problem+json when the response is not committed yet.
 */
class PayloadTooLargeException extends ResponseStatusException {

    PayloadTooLargeException(long limit) {
        super(HttpStatus.CONTENT_TOO_LARGE, RequestSizeFilter.detail(limit));
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // an expected rejection: no stack trace to collect
    }
}
