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

    public void throttleUnavailable() {
        counter("smartlink.users.login.throttle.unavailable", "Login throttle checks skipped: Redis unreachable",
                null, null).increment();
    }

    private Counter counter(String name, String description, String tag, String value) {
        Counter.Builder builder = Counter.builder(name).description(description);
        if (tag != null) {
            builder.tag(tag, value);
        }
        return builder.register(registry);
    }
}
