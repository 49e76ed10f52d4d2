package com.smartlinkauto.payment.sandbox;

import java.time.Clock;
import java.time.Instant;

import org.springframework.transaction.support.TransactionTemplate;

import com.smartlinkauto.payment.config.PaymentProperties;
import com.smartlinkauto.payment.payments.CheckoutSession;
import com.smartlinkauto.payment.payments.Payment;
import com.smartlinkauto.payment.payments.PaymentStore;
import com.smartlinkauto.payment.payments.SessionStore;
import com.smartlinkauto.payment.provider.PaymentProvider;
import com.smartlinkauto.payment.provider.ProviderException;

/**
 * The sandbox as a {@link PaymentProvider}: sessions {@code cs_test_sandbox_…} paid on this service's own page,
 * expiry and refunds answered at once and reported by webhook (checkout.session.expired, charge.refunded), as Stripe
 * does.
 */
class SandboxProvider implements PaymentProvider {

    static final String SESSION_PREFIX = "cs_test_sandbox_";

    private final PaymentProperties properties;
    private final SessionStore sessions;
    private final PaymentStore payments;
    private final SandboxEvents events;
    private final SandboxDeliveries deliveries;
    private final TransactionTemplate tx;
    private final Clock clock;

    SandboxProvider(PaymentProperties properties, SessionStore sessions, PaymentStore payments, SandboxEvents events,
            SandboxDeliveries deliveries, TransactionTemplate tx, Clock clock) {
        this.properties = properties;
        this.sessions = sessions;
        this.payments = payments;
        this.events = events;
        this.deliveries = deliveries;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public String name() {
        return PaymentProperties.SANDBOX;
    }

    @Override
    public String webhookSecret() {
        return properties.sandbox().webhookSecret();
    }

    @Override
    public ProviderSession createSession(SessionRequest request) {
        String id = SESSION_PREFIX + SandboxIds.random();
        String base = properties.publicBaseUrl().toString().replaceAll("/+$", "");
        return new ProviderSession(id, base + SandboxCheckoutController.PATH + "/" + id, request.expiresAt());
    }

    @Override
    public boolean expireSession(String providerSessionId) {
        Boolean expired = tx.execute(status -> {
            CheckoutSession session = sessions.lockByProviderSessionId(providerSessionId).orElse(null);
            if (session == null || !session.open()
                    || deliveries.queued(session.id(), "checkout.session.completed")) {
                return false; // paid (its webhook may still be on its way) or over already
            }
            if (!deliveries.queued(session.id(), "checkout.session.expired")) {
                deliveries.enqueue(events.sessionExpired(session, clock.instant()), session.id());
            }
            return true;
        });
        return Boolean.TRUE.equals(expired);
    }

    @Override
    public ProviderRefund refund(RefundRequest request) {
        String refundId = "re_sandbox_" + SandboxIds.random();
        tx.executeWithoutResult(status -> {
            Payment payment = payments.find(request.paymentId()).orElseThrow(
                    () -> new ProviderException("No such payment " + request.paymentId(), false, null));
            String intent = payment.providerPaymentId();
            Instant now = clock.instant();
            deliveries.enqueue(events.chargeRefunded("ch_" + intent, intent, payment.amountMinor(),
                    Math.min(payment.amountMinor(), payment.refundedMinor() + request.amountMinor()),
                    payment.currency(), payment.bookingId().toString(), now), null);
        });
        return new ProviderRefund(refundId, true);
    }
}
