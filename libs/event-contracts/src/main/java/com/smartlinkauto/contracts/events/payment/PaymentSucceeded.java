package com.smartlinkauto.contracts.events.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * Payload of {@code PaymentSucceeded} on {@code payment.events} (schema version 1; key = booking id): the
 * provider captured {@code amount} for the booking. booking-service confirms the booking with
 * {@code paymentId} as the payment's reference (a late payment it cannot honour comes back as RefundRequested).
 *
 * @param paymentId         payment-service's id of the payment (the booking's payment reference)
 * @param amount            what was captured, in {@code currency} (major units, exact: 149.70 EUR, 45000 XAF)
 * @param provider          {@code stripe} or {@code sandbox}
 * @param providerPaymentId the provider's id of the payment (Stripe's PaymentIntent id), or null when it gave none
 * @param partnerId         the vehicle's partner (who earns it); null when the booking did not name one
 */
public record PaymentSucceeded(@NotNull UUID paymentId, @NotNull UUID bookingId, UUID renterId, UUID partnerId,
        UUID vehicleId, @NotNull BigDecimal amount, @NotNull String currency, String provider,
        String providerPaymentId, @NotNull Instant paidAt) {
}
