package com.smartlinkauto.payment.payments;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.contracts.events.payment.PaymentEventTypes;
import com.smartlinkauto.contracts.events.payment.PaymentFailed;
import com.smartlinkauto.contracts.events.payment.PaymentRefunded;
import com.smartlinkauto.contracts.events.payment.PaymentSucceeded;
import com.smartlinkauto.payment.shared.Money;

/**
 * Every change of money, each in the caller's transaction together with its ledger row and its event (stored in the
 * outbox, sent to {@code payment.events} keyed by the booking id after commit): a capture, a failed attempt, a refund
 * asked for (PENDING, clamped to what is left of the payment), a refund the provider accepted, and a refund made at the
 * provider that we did not ask for.
 */
@Component
public class PaymentRecords {

    private static final Logger log = LoggerFactory.getLogger(PaymentRecords.class);

    private final SessionStore sessions;
    private final PaymentStore payments;
    private final RefundStore refunds;
    private final Ledger ledger;
    private final ApplicationEventPublisher publisher;
    private final PaymentMetrics metrics;

    PaymentRecords(SessionStore sessions, PaymentStore payments, RefundStore refunds, Ledger ledger,
            ApplicationEventPublisher publisher, PaymentMetrics metrics) {
        this.sessions = sessions;
        this.payments = payments;
        this.refunds = refunds;
        this.ledger = ledger;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /**
     * The session was paid: COMPLETED (also when it had EXPIRED: the money was taken, booking-service decides whether
     * the slot is still there), a payment, its PAYMENT ledger row and PaymentSucceeded.
     *
     * @return the new payment; empty when the session has one already (another event about the same payment)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Payment> capture(CheckoutSession s, String providerPaymentId, long amountMinor, String currency,
            Instant at) {
        sessions.complete(s.id(), at);
        Payment p = new Payment(UUID.randomUUID(), s.bookingId(), s.id(), s.renterId(), s.partnerId(), s.vehicleId(),
                s.provider(), providerPaymentId, amountMinor, currency, 0, at);
        if (!payments.insert(p)) {
            log.info("Session {} of booking {} was paid already; nothing new", s.id(), s.bookingId());
            return Optional.empty();
        }
        ledger.payment(p);
        publish(PaymentEventTypes.PAYMENT_SUCCEEDED, p.bookingId(),
                new PaymentSucceeded(p.id(), p.bookingId(), p.renterId(), p.partnerId(), p.vehicleId(),
                        Money.toMajor(amountMinor, currency), currency, p.provider(), providerPaymentId, at));
        metrics.captured(currency, amountMinor);
        log.info("Payment {} captured {} {} for booking {} (session {}, {})", p.id(), Money.toMajor(amountMinor,
                currency), currency, p.bookingId(), s.id(), providerPaymentId);
        return Optional.of(p);
    }

    /** An attempt to pay the session failed (declined card ...): PaymentFailed; the session stays OPEN. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void failed(CheckoutSession s, String failureCode, String message, Instant at) {
        publish(PaymentEventTypes.PAYMENT_FAILED, s.bookingId(),
                new PaymentFailed(s.id(), s.bookingId(), s.renterId(), s.partnerId(),
                        Money.toMajor(s.amountMinor(), s.currency()), s.currency(), failureCode, message, at));
        log.info("Payment attempt for booking {} (session {}) failed: {}", s.bookingId(), s.id(), failureCode);
    }

    /**
     * A refund of {@code requestedMinor} of the payment, PENDING until the provider accepts it: never more than what
     * is left (captured minus refunds done or under way).
     *
     * @param retryAt when the job may try it if the attempt right after this transaction has not settled it
     *
     * @return the new refund; empty when nothing is left to refund or the idempotency key was used already (a
     *         replayed request)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Refund> requestRefund(UUID paymentId, long requestedMinor, String reason, String idempotencyKey,
            Instant now, Instant retryAt) {
        Payment p = payments.lock(paymentId).orElseThrow(() -> new IllegalStateException("No payment " + paymentId));
        long left = p.amountMinor() - refunds.committedMinor(paymentId);
        long amount = Math.min(requestedMinor, left);
        if (amount <= 0) {
            log.info("Payment {} of booking {}: nothing left to refund ({} asked, {})", paymentId, p.bookingId(),
                    requestedMinor, reason);
            metrics.refund(reason, "nothing_left");
            return Optional.empty();
        }
        if (amount < requestedMinor) {
            log.warn("Payment {} of booking {}: refund of {} clamped to the {} left", paymentId, p.bookingId(),
                    requestedMinor, amount);
        }
        Refund r = new Refund(UUID.randomUUID(), paymentId, p.bookingId(), amount, p.currency(), reason,
                idempotencyKey, null, Refund.PENDING, 0, retryAt, null, now, null);
        if (!refunds.insert(r)) {
            metrics.refund(reason, "duplicate");
            return Optional.empty();
        }
        metrics.refund(reason, "requested");
        return Optional.of(r);
    }

    /**
     * The provider accepted the refund: SUCCEEDED, the payment's refunded total, a REFUND ledger row (negative) and
     * PaymentRefunded. Nothing when it is no longer PENDING.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean refundSucceeded(UUID refundId, String providerRefundId, int attempts, Instant now) {
        Refund r = refunds.lock(refundId).orElseThrow(() -> new IllegalStateException("No refund " + refundId));
        if (!Refund.PENDING.equals(r.status())) {
            return false;
        }
        Payment p = payments.lock(r.paymentId()).orElseThrow();
        refunds.succeed(refundId, providerRefundId, attempts, now);
        applyRefund(p, r.id(), r.amountMinor(), r.reason(), now);
        metrics.refund(r.reason(), "succeeded");
        return true;
    }

    /**
     * The provider reports {@code providerRefundedMinor} refunded of the payment in all: what exceeds the refunds we
     * asked for ourselves (done or under way) was refunded at the provider (e.g. in its dashboard), and is recorded
     * as a SUCCEEDED refund with reason PROVIDER. Our own refunds produce the same report and add nothing.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Refund> recordProviderRefund(UUID paymentId, long providerRefundedMinor, String eventId,
            Instant now) {
        Payment p = payments.lock(paymentId).orElseThrow(() -> new IllegalStateException("No payment " + paymentId));
        long ours = refunds.committedMinor(paymentId);
        long unrecorded = Math.min(providerRefundedMinor - ours, p.amountMinor() - ours);
        if (unrecorded <= 0) {
            return Optional.empty();
        }
        Refund r = new Refund(UUID.randomUUID(), paymentId, p.bookingId(), unrecorded, p.currency(), "PROVIDER",
                "provider-" + eventId, null, Refund.SUCCEEDED, 0, now, null, now, now);
        if (!refunds.insert(r)) {
            return Optional.empty();
        }
        applyRefund(p, r.id(), unrecorded, r.reason(), now);
        metrics.refund(r.reason(), "succeeded");
        return Optional.of(r);
    }

    private void applyRefund(Payment p, UUID refundId, long amountMinor, String reason, Instant now) {
        payments.addRefunded(p.id(), amountMinor);
        ledger.refund(p, refundId, amountMinor, now);
        long total = p.refundedMinor() + amountMinor;
        publish(PaymentEventTypes.PAYMENT_REFUNDED, p.bookingId(),
                new PaymentRefunded(refundId, p.id(), p.bookingId(), p.renterId(), p.partnerId(), p.vehicleId(),
                        Money.toMajor(amountMinor, p.currency()), p.currency(), Money.toMajor(total, p.currency()),
                        reason, now));
        metrics.refunded(p.currency(), amountMinor);
        log.info("Refund {} of payment {} (booking {}): {} {} back ({}), {} in all", refundId, p.id(), p.bookingId(),
                Money.toMajor(amountMinor, p.currency()), p.currency(), reason, Money.toMajor(total, p.currency()));
    }

    private void publish(String type, UUID bookingId, Object payload) {
        publisher.publishEvent(EventEnvelope.of(type, bookingId.toString(), payload));
    }
}
