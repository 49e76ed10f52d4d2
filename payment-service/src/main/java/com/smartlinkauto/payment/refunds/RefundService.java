package com.smartlinkauto.payment.refunds;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.smartlinkauto.payment.config.PaymentProperties;
import com.smartlinkauto.payment.payments.Payment;
import com.smartlinkauto.payment.payments.PaymentMetrics;
import com.smartlinkauto.payment.payments.PaymentRecords;
import com.smartlinkauto.payment.payments.PaymentStore;
import com.smartlinkauto.payment.payments.Refund;
import com.smartlinkauto.payment.payments.RefundStore;
import com.smartlinkauto.payment.provider.PaymentProvider;
import com.smartlinkauto.payment.provider.ProviderException;

/**
 * One attempt at a PENDING refund: the provider call (never inside a transaction), then its answer recorded
 * ({@link PaymentRecords#refundSucceeded} in a transaction of its own). A failure leaves the refund PENDING, to be
 * tried again after 5 s, 10 s, 20 s … (at most {@code payments.refunds.max-backoff}) with the same idempotency key, so
 * the provider refunds once however often it is asked; a refusal that cannot change (or the last attempt) marks it
 * FAILED for a person to look at.
 */
@Service
class RefundService {

    private static final Logger log = LoggerFactory.getLogger(RefundService.class);

    private final RefundStore refunds;
    private final PaymentStore payments;
    private final PaymentRecords records;
    private final PaymentProvider provider;
    private final TransactionTemplate tx;
    private final PaymentProperties.Refunds config;
    private final PaymentMetrics metrics;
    private final Clock clock;

    RefundService(RefundStore refunds, PaymentStore payments, PaymentRecords records, PaymentProvider provider,
            TransactionTemplate tx, PaymentProperties properties, PaymentMetrics metrics, Clock clock) {
        this.refunds = refunds;
        this.payments = payments;
        this.records = records;
        this.provider = provider;
        this.tx = tx;
        this.config = properties.refunds();
        this.metrics = metrics;
        this.clock = clock;
    }

    /** When a new refund's first retry is due (its first attempt runs right after its transaction commits). */
    Instant firstRetry(Instant now) {
        return now.plus(config.initialBackoff());
    }

    /** Tries the refund once, unless it is no longer PENDING. */
    void attempt(UUID refundId) {
        Refund refund = refunds.find(refundId).orElse(null);
        if (refund == null || !Refund.PENDING.equals(refund.status())) {
            return;
        }
        Payment payment = payments.find(refund.paymentId()).orElseThrow();
        if (!provider.name().equals(payment.provider())) {
            log.warn("Refund {} is of a {} payment; {} cannot make it", refund.id(), payment.provider(),
                    provider.name());
            return;
        }
        int attempts = refund.attempts() + 1;
        PaymentProvider.ProviderRefund answer;
        try {
            answer = provider.refund(new PaymentProvider.RefundRequest(refund.id(), payment.id(), payment.bookingId(),
                    payment.providerPaymentId(), refund.amountMinor(), refund.currency(), refund.idempotencyKey()));
        }
        catch (ProviderException ex) {
            failed(refund, attempts, ex.getMessage(), ex.retryable());
            return;
        }
        catch (RuntimeException ex) {
            failed(refund, attempts, ex.toString(), true);
            return;
        }
        if (!answer.succeeded()) {
            failed(refund, attempts, "The provider answered refund " + answer.id() + " as failed", false);
            return;
        }
        tx.executeWithoutResult(status -> records.refundSucceeded(refund.id(), answer.id(), attempts,
                clock.instant().truncatedTo(ChronoUnit.MICROS)));
    }

    private void failed(Refund refund, int attempts, String error, boolean retryable) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (retryable && attempts < config.maxAttempts()) {
            Duration wait = backoff(attempts);
            refunds.reschedule(refund.id(), attempts, now.plus(wait), error);
            metrics.refund(refund.reason(), "retrying");
            log.warn("Refund {} of payment {} failed (attempt {}), next in {}: {}", refund.id(), refund.paymentId(),
                    attempts, wait, error);
        }
        else if (refunds.fail(refund.id(), attempts, error, now)) {
            metrics.refund(refund.reason(), "failed");
            log.error("Refund {} of payment {} ({} minor units of {}) FAILED after {} attempts: {}", refund.id(),
                    refund.paymentId(), refund.amountMinor(), refund.currency(), attempts, error);
        }
    }

    /** {@code initial-backoff} doubled after every further failure, at most {@code max-backoff}. */
    Duration backoff(int failures) {
        Duration wait = config.initialBackoff().multipliedBy(1L << Math.min(30, Math.max(0, failures - 1)));
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }
}
