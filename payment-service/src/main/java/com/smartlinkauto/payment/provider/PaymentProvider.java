package com.smartlinkauto.payment.provider;

import java.time.Instant;
import java.util.UUID;

/**
 * A payment provider as payment-service uses it. Calls go over the network (or queue a webhook): never inside a
 * database transaction that holds locks.
 */
public interface PaymentProvider {

    /** {@code stripe} or {@code sandbox}: stored with every session and payment. */
    String name();

    /** The secret the provider signs its webhooks with ({@code Stripe-Signature}). */
    String webhookSecret();

    /**
     * A hosted checkout session for the booking.
     *
     * @throws ProviderException when the provider refused or did not answer (nothing was created, or the same
     *                           idempotency key returns the same session on the next try)
     */
    ProviderSession createSession(SessionRequest request);

    /**
     * Ends an open session so that it can no longer be paid.
     *
     * @return false when the provider says the session is already complete (it was paid in the meantime)
     * @throws ProviderException when the provider refused or did not answer (try again later)
     */
    boolean expireSession(String providerSessionId);

    /**
     * Gives {@code amountMinor} of a captured payment back.
     *
     * @throws ProviderException when the provider refused or did not answer
     */
    ProviderRefund refund(RefundRequest request);

    /**
     * What a checkout session is for.
     *
     * @param sessionId      our id of the session
     * @param amountMinor    the booking's total in minor units
     * @param idempotencyKey the provider's idempotency key ({@code checkout-<bookingId>-<n>})
     */
    record SessionRequest(UUID sessionId, UUID bookingId, long amountMinor, String currency, Instant expiresAt,
            String successUrl, String cancelUrl, String idempotencyKey) {
    }

    /** The provider's session: its id and the page the renter pays on. */
    record ProviderSession(String id, String url, Instant expiresAt) {
    }

    /**
     * @param providerPaymentId the provider's payment (Stripe's PaymentIntent id)
     * @param idempotencyKey    the same for every attempt of one refund
     */
    record RefundRequest(UUID refundId, UUID paymentId, UUID bookingId, String providerPaymentId, long amountMinor,
            String currency, String idempotencyKey) {
    }

    /** @param succeeded false when the provider answered with a failed or cancelled refund */
    record ProviderRefund(String id, boolean succeeded) {
    }
}
