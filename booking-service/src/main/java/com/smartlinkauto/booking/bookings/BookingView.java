package com.smartlinkauto.booking.bookings;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.smartlinkauto.booking.shared.Money;

/**
 * A booking as the API shows it to its renter, the vehicle's partner and admins. Money in major units with the
 * currency's decimals; {@code holdExpiresAt} only while HELD; {@code refundAmount} once a confirmed booking was
 * cancelled.
 */
public record BookingView(UUID id, BookingStatus status, UUID vehicleId, UUID renterId, UUID partnerId,
        Instant pickupAt, Instant returnAt, int days, BigDecimal pricePerDay, BigDecimal subtotal, BigDecimal serviceFee,
        BigDecimal total, String currency, Instant holdExpiresAt, Instant confirmedAt, Instant cancelledAt,
        String cancelReason, BigDecimal refundAmount, Instant createdAt) {

    public static BookingView of(Booking b) {
        String c = b.currency();
        return new BookingView(b.id(), b.status(), b.vehicleId(), b.renterId(), b.partnerId(), b.pickupAt(),
                b.returnAt(), b.days(), Money.toMajor(b.pricePerDayMinor(), c), Money.toMajor(b.subtotalMinor(), c),
                Money.toMajor(b.serviceFeeMinor(), c), Money.toMajor(b.totalMinor(), c), c,
                b.status() == BookingStatus.HELD ? b.holdExpiresAt() : null, b.confirmedAt(), b.cancelledAt(),
                b.cancelReason(), b.refundMinor() == null ? null : Money.toMajor(b.refundMinor(), c), b.createdAt());
    }
}
