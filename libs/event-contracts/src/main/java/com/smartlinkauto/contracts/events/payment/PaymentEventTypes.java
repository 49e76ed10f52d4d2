package com.smartlinkauto.contracts.events.payment;

import java.util.Set;

/**
 * The {@code type} values of the envelopes payment-service publishes to {@code payment.events} (aggregate id and
 * key = booking id, so one booking's payment events stay ordered; docs/architecture.md, Events).
 */
public final class PaymentEventTypes {

    /** Payload {@link PaymentSucceeded}: money was captured for a booking. */
    public static final String PAYMENT_SUCCEEDED = "PaymentSucceeded";
    /** Payload {@link PaymentFailed}: the provider declined or the session lapsed unpaid. */
    public static final String PAYMENT_FAILED = "PaymentFailed";
    /** Payload {@link PaymentRefunded}: money went back to the renter. */
    public static final String PAYMENT_REFUNDED = "PaymentRefunded";

    public static final Set<String> ALL = Set.of(PAYMENT_SUCCEEDED, PAYMENT_FAILED, PAYMENT_REFUNDED);

    private PaymentEventTypes() {
    }
}
