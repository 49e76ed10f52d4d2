package com.smartlinkauto.payment.refunds;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.smartlinkauto.payment.payments.RefundStore;
import com.smartlinkauto.payment.payments.SessionStore;
import com.smartlinkauto.payment.provider.PaymentProvider;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * The retries, one runner across instances each ({@code shedlock}): PENDING refunds whose next attempt is due, and
 * sessions still to be expired at the provider (plus OPEN sessions past their own expiry, which the provider has let
 * lapse by itself). Only what the active provider captured or opened: no other provider can refund or expire it.
 */
@Component
class PaymentJobs {

    private static final Logger log = LoggerFactory.getLogger(PaymentJobs.class);
    private static final int BATCH = 50;

    private final RefundStore refunds;
    private final RefundService refundService;
    private final SessionStore sessions;
    private final SessionExpiry expiry;
    private final PaymentProvider provider;
    private final Clock clock;

    PaymentJobs(RefundStore refunds, RefundService refundService, SessionStore sessions, SessionExpiry expiry,
            PaymentProvider provider, Clock clock) {
        this.provider = provider;
        this.refunds = refunds;
        this.refundService = refundService;
        this.sessions = sessions;
        this.expiry = expiry;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${payments.refunds.retry-interval:5s}", initialDelayString = "5s")
    @SchedulerLock(name = "refund-retry", lockAtMostFor = "10m")
    public void retryRefunds() {
        refunds.due(provider.name(), clock.instant(), BATCH).forEach(refund -> {
            try {
                refundService.attempt(refund.id());
            }
            catch (RuntimeException ex) {
                log.warn("Refund {} retry failed: {}", refund.id(), ex.toString());
            }
        });
    }

    @Scheduled(fixedDelayString = "${payments.expiry.retry-interval:10s}", initialDelayString = "10s")
    @SchedulerLock(name = "session-expiry", lockAtMostFor = "10m")
    public void expireSessions() {
        sessions.awaitingExpiry(provider.name(), BATCH).forEach(session -> {
            try {
                expiry.expire(session);
            }
            catch (RuntimeException ex) {
                log.warn("Expiring session {} failed: {}", session.id(), ex.toString());
            }
        });
        int lapsed = sessions.expireLapsed(clock.instant().truncatedTo(ChronoUnit.MICROS));
        if (lapsed > 0) {
            log.info("{} checkout sessions lapsed at their provider", lapsed);
        }
    }
}
