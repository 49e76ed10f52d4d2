package com.smartlinkauto.user.web;

import java.time.Duration;

/** Rendered as 429 with a {@code Retry-After} header by {@link UserServiceProblemAdvice}. */
public class TooManyAttemptsException extends RuntimeException {

    private final Duration retryAfter;

    public TooManyAttemptsException(String detail, Duration retryAfter) {
        super(detail);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least one: what a client may wait before it tries again. */
    public long retryAfterSeconds() {
        long seconds = (retryAfter.toMillis() + 999) / 1000;
        return Math.max(1, seconds);
    }
}
