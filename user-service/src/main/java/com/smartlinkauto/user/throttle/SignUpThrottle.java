package com.smartlinkauto.user.throttle;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.smartlinkauto.user.support.UserMetrics;
import com.smartlinkauto.user.web.ThrottleUnavailableException;
import com.smartlinkauto.user.web.TooManyAttemptsException;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Limits sign-ups (each one is a BCrypt hash and a new account) per client address, in a Bucket4j bucket in
 * Redis like the login throttle. Every sign-up request that passes validation takes a token, successful or
 * not, before any password is hashed. An empty bucket is a 429 with {@code Retry-After}; Redis unreachable
 * is a 503 (fail closed: nothing is hashed or created unmetered).
 */
@Component
public class SignUpThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignUpThrottle.class);

    /** OpenAPI text of both sign-up endpoints. */
    public static final String OPENAPI_DESCRIPTION = "Sign-ups are limited per client address "
            + "(smartlink.users.signup-throttle, default 10 per hour, renter and partner sign-ups together): over "
            + "the limit 429 rate-limited with Retry-After; when the limit cannot be checked (Redis unreachable) "
            + "503 service-unavailable with Retry-After. Either way no password is hashed and no account created.";

    private final SignUpThrottleProperties properties;
    private final RedisBuckets buckets;
    private final UserMetrics metrics;
    private final BucketConfiguration perAddress;

    SignUpThrottle(SignUpThrottleProperties properties, RedisBuckets buckets, UserMetrics metrics) {
        this.properties = properties;
        this.buckets = buckets;
        this.metrics = metrics;
        this.perAddress = RedisBuckets.configuration(properties.maxPerAddress(), properties.window());
    }

    /**
     * Takes one sign-up from the address's budget.
     *
     * @throws TooManyAttemptsException     when it is used up (429)
     * @throws ThrottleUnavailableException when Redis cannot be asked (503)
     */
    public void acquire(String clientAddress) {
        if (!properties.enabled()) {
            return;
        }
        ConsumptionProbe probe;
        try {
            probe = buckets.bucket("signup-throttle:address:" + clientAddress, perAddress)
                    .tryConsumeAndReturnRemaining(1);
        }
        catch (RuntimeException ex) {
            metrics.throttleUnavailable("signup");
            log.warn("Sign-up throttle unavailable, sign-up refused: {}", ex.toString());
            throw new ThrottleUnavailableException("Sign-up is unavailable right now. Try again shortly.", ex);
        }
        if (!probe.isConsumed()) {
            metrics.registrationThrottled();
            throw new TooManyAttemptsException("Too many sign-ups from this address. Try again later.",
                    Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }
}
