package com.smartlinkauto.contracts.events.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * Payload of {@code PaymentFailed} on {@code payment.events} (schema version 1; key = booking id): an attempt to
 * pay for the booking failed. Nothing was captured; the hold keeps running until it expires, so the renter may
 * try again.
 *
 * @param paymentId   payment-service's id of the payment (checkout session) that failed
 * @param failureCode the provider's code ({@code card_declined}, {@code insufficient_funds}, {@code expired}, ...)
 * @param message     a short text for the renter, or null
 */
public record PaymentFailed(@NotNull UUID paymentId, @NotNull UUID bookingId, UUID renterId, UUID partnerId,
        @NotNull BigDecimal amount, @NotNull String currency, @NotNull String failureCode, String message,
        @NotNull Instant failedAt) {
}
