package com.smartlinkauto.payment.provider;

import java.time.Instant;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.Refund;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;

/**
 * Stripe Checkout through stripe-java (https://docs.stripe.com/api/checkout/sessions/create): a {@code payment}
 * session with one line item in minor units ({@code unit_amount}), the booking as {@code client_reference_id} and in
 * the metadata of the session and of its PaymentIntent (so that {@code payment_intent.payment_failed} names it too),
 * an idempotency key per attempt. Sessions are expired through the API (Stripe's shortest lifetime, 30 minutes, is
 * longer than our hold) and refunds name the PaymentIntent (https://docs.stripe.com/api/refunds/create).
 */
class StripeProvider implements PaymentProvider {

    private static final Logger log = LoggerFactory.getLogger(StripeProvider.class);

    private final StripeClient stripe;
    private final String webhookSecret;

    StripeProvider(StripeClient stripe, String webhookSecret) {
        this.stripe = stripe;
        this.webhookSecret = webhookSecret;
    }

    @Override
    public String name() {
        return "stripe";
    }

    @Override
    public String webhookSecret() {
        return webhookSecret;
    }

    @Override
    public ProviderSession createSession(SessionRequest request) {
        String booking = request.bookingId().toString();
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(request.currency().toLowerCase(Locale.ROOT))
                                .setUnitAmount(request.amountMinor())
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName("Booking " + booking).build())
                                .build())
                        .build())
                .setClientReferenceId(booking)
                .putMetadata("bookingId", booking)
                .putMetadata("sessionId", request.sessionId().toString())
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .putMetadata("bookingId", booking).build())
                .setSuccessUrl(request.successUrl())
                .setCancelUrl(request.cancelUrl())
                .setExpiresAt(request.expiresAt().getEpochSecond())
                .build();
        try {
            Session session = stripe.v1().checkout().sessions().create(params, idempotent(request.idempotencyKey()));
            Instant expires = session.getExpiresAt() == null ? request.expiresAt()
                    : Instant.ofEpochSecond(session.getExpiresAt());
            return new ProviderSession(session.getId(), session.getUrl(), expires);
        }
        catch (StripeException ex) {
            throw failure("create a checkout session for booking " + booking, ex);
        }
    }

    @Override
    public boolean expireSession(String providerSessionId) {
        try {
            Session session = stripe.v1().checkout().sessions().expire(providerSessionId);
            return !"complete".equals(session.getStatus());
        }
        catch (InvalidRequestException ex) {
            // Stripe refuses to expire a session that is no longer open (paid, or expired already)
            log.info("Stripe did not expire session {}: {}", providerSessionId, ex.getMessage());
            return false;
        }
        catch (StripeException ex) {
            throw failure("expire checkout session " + providerSessionId, ex);
        }
    }

    @Override
    public ProviderRefund refund(RefundRequest request) {
        if (request.providerPaymentId() == null) {
            throw new ProviderException("Payment " + request.paymentId() + " has no PaymentIntent to refund", false,
                    null);
        }
        RefundCreateParams params = RefundCreateParams.builder()
                .setPaymentIntent(request.providerPaymentId())
                .setAmount(request.amountMinor())
                .putMetadata("bookingId", request.bookingId().toString())
                .putMetadata("refundId", request.refundId().toString())
                .build();
        try {
            Refund refund = stripe.v1().refunds().create(params, idempotent(request.idempotencyKey()));
            String status = refund.getStatus();
            return new ProviderRefund(refund.getId(), !"failed".equals(status) && !"canceled".equals(status));
        }
        catch (StripeException ex) {
            throw failure("refund " + request.amountMinor() + " of " + request.providerPaymentId(), ex);
        }
    }

    private static RequestOptions idempotent(String key) {
        return RequestOptions.builder().setIdempotencyKey(key).build();
    }

    private static ProviderException failure(String what, StripeException ex) {
        Integer status = ex.getStatusCode();
        boolean retryable = ex instanceof ApiConnectionException || ex instanceof RateLimitException
                || ex instanceof IdempotencyException || status == null || status >= 500 || status == 409;
        log.warn("Stripe could not {} ({}, status {}, request {}): {}", what, ex.getClass().getSimpleName(), status,
                ex.getRequestId(), ex.getMessage());
        return new ProviderException("Stripe could not " + what + ": " + ex.getMessage(), retryable, ex);
    }
}
