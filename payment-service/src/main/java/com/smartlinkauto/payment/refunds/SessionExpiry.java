package com.smartlinkauto.payment.refunds;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.smartlinkauto.payment.payments.CheckoutSession;
import com.smartlinkauto.payment.payments.SessionStore;
import com.smartlinkauto.payment.provider.PaymentProvider;
import com.smartlinkauto.payment.provider.ProviderException;

/**
 * Expires a session at the provider whose booking lapsed or was cancelled (Stripe's shortest session lifetime, 30
 * minutes, outlasts our hold: https://docs.stripe.com/api/checkout/sessions/expire). Expired there → EXPIRED here;
 * paid meanwhile → left OPEN for its completed webhook; no answer → tried again by {@link PaymentJobs}.
 */
@Component
class SessionExpiry {

    private static final Logger log = LoggerFactory.getLogger(SessionExpiry.class);

    private final PaymentProvider provider;
    private final SessionStore sessions;
    private final JdbcClient jdbc;
    private final Clock clock;

    SessionExpiry(PaymentProvider provider, SessionStore sessions, JdbcClient jdbc, Clock clock) {
        this.provider = provider;
        this.sessions = sessions;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void expire(CheckoutSession session) {
        if (!provider.name().equals(session.provider())) {
            log.warn("Session {} belongs to provider {}, not the active {}; left to lapse by itself", session.id(),
                    session.provider(), provider.name());
            clearRequest(session);
            return;
        }
        boolean expired;
        try {
            expired = provider.expireSession(session.providerSessionId());
        }
        catch (ProviderException ex) {
            log.warn("Session {} of booking {} could not be expired at {} yet: {}", session.id(), session.bookingId(),
                    provider.name(), ex.getMessage());
            return;
        }
        if (expired) {
            sessions.expire(session.id(), clock.instant().truncatedTo(ChronoUnit.MICROS));
            log.info("Session {} of booking {} expired at {}", session.id(), session.bookingId(), provider.name());
        }
        else {
            // paid meanwhile: its checkout.session.completed webhook completes it (and booking-service decides)
            clearRequest(session);
        }
    }

    private void clearRequest(CheckoutSession session) {
        jdbc.sql("update checkout_session set expire_requested_at = null where id = ? and status = 'OPEN'")
                .param(session.id()).update();
    }
}
