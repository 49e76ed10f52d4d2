package com.smartlinkauto.contracts.events.booking;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * Payload of every {@code booking.events} type (schema version 1): the booking as it is after the
 * change, so a consumer's projection is a plain upsert by {@code bookingId}, whatever order or how often
 * it sees the events. {@code status} is the state after the event: HELD (BookingHeld), CONFIRMED,
 * CANCELLED, EXPIRED or COMPLETED. The interval {@code [pickupAt, returnAt)} is half-open; a HELD
 * booking lapses at {@code expiresAt}.
 *
 * @param totalPrice the server-side price snapshot, in {@code currency}
 * @param reason     why it was cancelled (null otherwise)
 * @param sequence   increases with every change of this booking: a projection ignores an event whose
 *                   sequence is not newer than the one it holds
 */
public record BookingChanged(@NotNull UUID bookingId, @NotNull UUID vehicleId, UUID renterId, UUID partnerId,
        @NotNull String status, @NotNull Instant pickupAt, @NotNull Instant returnAt, Instant expiresAt,
        BigDecimal totalPrice, String currency, String reason, long sequence, Instant changedAt) {

    /** Whether the vehicle is busy for {@code [pickupAt, returnAt)} in this state. */
    public boolean blocksVehicle() {
        return BookingEventTypes.BLOCKING_STATUSES.contains(status);
    }
}
