package com.smartlinkauto.booking.bookings;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.smartlinkauto.booking.shared.Caller;
import com.smartlinkauto.booking.shared.Money;

/**
 * A booking as stored: money in minor units of {@code currency}; {@code [pickupAt, returnAt)} half-open, the vehicle
 * blocked until {@code blockedUntil} (= return + the vehicle's turnaround at hold time) while HELD or CONFIRMED;
 * {@code city} the vehicle's city at hold time (null for bookings held before it was recorded).
 */
public record Booking(UUID id, UUID vehicleId, UUID renterId, UUID partnerId, BookingStatus status, Instant pickupAt,
        Instant returnAt, int turnaroundMinutes, Instant blockedUntil, int days, long pricePerDayMinor,
        long subtotalMinor, long serviceFeeMinor, long totalMinor, String currency, Instant holdExpiresAt,
        Instant confirmedAt, String paymentReference, Instant cancelledAt, UUID cancelledBy, String cancelReason,
        Long refundMinor, long sequence, Instant createdAt, Instant updatedAt, String city) {

    public BigDecimal total() {
        return Money.toMajor(totalMinor, currency);
    }

    /** The renter, the vehicle's partner or an admin may see it; to anyone else it does not exist. */
    public boolean visibleTo(Caller caller) {
        return caller.admin() || (caller.id() != null && (caller.id().equals(renterId) || caller.id().equals(partnerId)));
    }
}
