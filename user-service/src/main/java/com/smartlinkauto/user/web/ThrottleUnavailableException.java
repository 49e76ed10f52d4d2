package com.smartlinkauto.user.web;

/**
 * A throttle that could not ask Redis refuses the request (fail closed) instead of letting unmetered
 * password guesses or BCrypt work through: rendered as 503 problem+json with {@code Retry-After}.
 */
public class ThrottleUnavailableException extends RuntimeException {

    /** Seconds a client should wait before trying again. */
    public static final long RETRY_AFTER_SECONDS = 5;

    public ThrottleUnavailableException(String detail, Throwable cause) {
        super(detail, cause);
    }
}
