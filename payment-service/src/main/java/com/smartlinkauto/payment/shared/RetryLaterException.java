package com.smartlinkauto.payment.shared;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.springframework.http.HttpStatus;

import com.smartlinkauto.servicedefaults.problem.ApiException;

/** A problem the client may try again after a while: rendered with {@code Retry-After} by {@link RetryLaterAdvice}. */
public class RetryLaterException extends ApiException {

    private final Duration retryAfter;

    public RetryLaterException(HttpStatus status, URI type, String detail, Duration retryAfter,
            Map<String, Object> properties) {
        super(status, type, detail, properties);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least one. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
