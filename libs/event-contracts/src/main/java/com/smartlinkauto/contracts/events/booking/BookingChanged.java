package com.smartlinkauto.contracts.events.booking;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.validation.constraints.NotNull;

/**
 * Payload of every {@code booking.events} type (schema version 1): the booking as it is after the
 * change, so a consumer's projection is a plain upsert by {@code bookingId}, whatever order or how often
 * it sees the events. {@code status} is the state after the event: HELD (BookingHeld), CONFIRMED,
 * CANCELLED, EXPIRED or COMPLETED. The interval {@code [pickupAt, returnAt)} is half-open; a HELD
 * booking lapses at {@code expiresAt}.
 *
 * @param totalPrice   the server-side price snapshot, in {@code currency}
 * @param reason       why it was cancelled (null otherwise)
 * @param sequence     increases with every change of this booking: a projection ignores an event whose
 *                     sequence is not newer than the one it holds
 * @param refundAmount BookingCancelled of a CONFIRMED booking only: what the cancellation policy gives back, in
 *                     {@code currency} (0 when nothing); absent from the JSON otherwise (a HELD booking was never
 *                     charged)
 */
public record BookingChanged(@NotNull UUID bookingId, @NotNull UUID vehicleId, UUID renterId, UUID partnerId,
        @NotNull String status, @NotNull Instant pickupAt, @NotNull Instant returnAt, Instant expiresAt,
        BigDecimal totalPrice, String currency, String reason, long sequence, Instant changedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal refundAmount) {

    /** A change without a refund (every type but a BookingCancelled of a CONFIRMED booking). */
    public BookingChanged(UUID bookingId, UUID vehicleId, UUID renterId, UUID partnerId, String status,
            Instant pickupAt, Instant returnAt, Instant expiresAt, BigDecimal totalPrice, String currency, String reason,
            long sequence, Instant changedAt) {
        this(bookingId, vehicleId, renterId, partnerId, status, pickupAt, returnAt, expiresAt, totalPrice, currency,
                reason, sequence, changedAt, null);
    }

    /** Whether the vehicle is busy for {@code [pickupAt, returnAt)} in this state. */
    public boolean blocksVehicle() {
        return BookingEventTypes.BLOCKING_STATUSES.contains(status);
    }
}
