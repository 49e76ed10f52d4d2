package com.smartlinkauto.contracts.events.booking;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code RefundRequested} on {@code booking.events} (schema version 1; key = booking id): a payment
 * reached booking-service that cannot buy the booking, so payment-service must give it back in full. Asked for
 * once per booking and payment.
 *
 * @param paymentReference the payment the confirmation named (payment-service's id for it), or {@code "unknown"}
 *                         when the confirmation named none
 * @param amount           what to refund, in {@code currency}: the booking's total
 * @param reason           {@code SLOT_TAKEN} (the hold had expired or was cancelled and someone else has the vehicle
 *                         now) or {@code ALREADY_PAID} (the booking was confirmed by another payment)
 * @param bookingStatus    the booking's status when the refund was asked for
 */
public record RefundRequested(UUID bookingId, UUID vehicleId, UUID renterId, String paymentReference,
        BigDecimal amount, String currency, String reason, String bookingStatus, Instant requestedAt) {

    public static final String SLOT_TAKEN = "SLOT_TAKEN";
    public static final String ALREADY_PAID = "ALREADY_PAID";
}
