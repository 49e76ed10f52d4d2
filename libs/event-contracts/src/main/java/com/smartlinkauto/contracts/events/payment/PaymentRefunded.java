package com.smartlinkauto.contracts.events.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * Payload of {@code PaymentRefunded} on {@code payment.events} (schema version 1; key = booking id): the provider
 * gave {@code amount} of a captured payment back. Never more than was captured: {@code totalRefunded} (all refunds
 * of the payment so far, this one included) is at most the payment's amount.
 *
 * @param refundId      payment-service's id of the refund (one ledger row)
 * @param paymentId     the payment it gives back (part of)
 * @param amount        this refund, in {@code currency} (major units, exact)
 * @param totalRefunded every refund of the payment so far, this one included
 * @param reason        {@code CANCELLATION} (the cancellation policy's amount), {@code SLOT_TAKEN} or
 *                      {@code ALREADY_PAID} (booking-service's RefundRequested), {@code PROVIDER} (refunded at the
 *                      provider, e.g. in Stripe's dashboard)
 */
public record PaymentRefunded(@NotNull UUID refundId, @NotNull UUID paymentId, @NotNull UUID bookingId,
        UUID renterId, UUID partnerId, UUID vehicleId, @NotNull BigDecimal amount, @NotNull String currency,
        @NotNull BigDecimal totalRefunded, @NotNull String reason, @NotNull Instant refundedAt) {

    public static final String CANCELLATION = "CANCELLATION";
    public static final String SLOT_TAKEN = "SLOT_TAKEN";
    public static final String ALREADY_PAID = "ALREADY_PAID";
    public static final String PROVIDER = "PROVIDER";
}
