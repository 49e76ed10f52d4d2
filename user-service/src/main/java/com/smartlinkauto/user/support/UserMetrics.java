package com.smartlinkauto.user.support;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Business counters, scraped from {@code /actuator/prometheus} as {@code smartlink_users_*_total}. */
@Component
public class UserMetrics {

    private final MeterRegistry registry;

    UserMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void registered(String role) {
        counter("smartlink.users.registrations", "Accounts created", "role", role).increment();
    }

    /** outcome: success, failure, throttled */
    public void login(String outcome) {
        counter("smartlink.users.logins", "Login attempts", "outcome", outcome).increment();
    }

    /** outcome: success, invalid, reuse */
    public void tokenRefresh(String outcome) {
        counter("smartlink.users.token.refreshes", "Refresh token uses", "outcome", outcome).increment();
    }

    public void verificationChanged(String to) {
        counter("smartlink.users.verification.changes", "Partner verification changes", "to", to).increment();
    }

    /** outcome: uploaded, rejected (not a document, too large, over the limit), deleted */
    public void partnerDocument(String outcome) {
        counter("smartlink.users.partner.documents", "Partner document uploads and deletions", "outcome", outcome)
                .increment();
    }

    /** throttle: login or signup; the attempt was refused (fail closed) */
    public void throttleUnavailable(String throttle) {
        String name = switch (throttle) {
            case "login" -> "smartlink.users.login.throttle.unavailable";
            case "signup" -> "smartlink.users.signup.throttle.unavailable";
            default -> throw new IllegalArgumentException(throttle);
        };
        counter(name, "Attempts refused (503) because the throttle's Redis was unreachable", null, null).increment();
    }

    public void registrationThrottled() {
        counter("smartlink.users.registrations.throttled", "Sign-ups refused (429): too many from one address",
                null, null).increment();
    }

    /** outcome: written (one deny-list entry per access token), failed (Redis unreachable: not revoked) */
    public void accessTokenRevocations(String outcome, int tokens) {
        counter("smartlink.users.access.token.revocations", "Access tokens put on the gateway's deny list",
                "outcome", outcome).increment(tokens);
    }

    private Counter counter(String name, String description, String tag, String value) {
        Counter.Builder builder = Counter.builder(name).description(description);
        if (tag != null) {
            builder.tag(tag, value);
        }
        return builder.register(registry);
    }
}
