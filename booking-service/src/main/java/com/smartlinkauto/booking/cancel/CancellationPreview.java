package com.smartlinkauto.booking.cancel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.UUID;

import com.smartlinkauto.booking.bookings.Booking;
import com.smartlinkauto.booking.bookings.BookingStatus;
import com.smartlinkauto.booking.shared.Money;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What {@code POST /api/bookings/{id}/cancel} would do at {@code asOf}. Amounts in major units of {@code currency}.
 *
 * @param cancellable   false: the cancel answers 409 {@code illegal-booking-transition} with {@code detail}
 * @param reason        why not (null when cancellable)
 * @param detail        the sentence of that 409 (null when cancellable)
 * @param refundAmount  what would come back; null when nothing was charged (a hold) or it cannot be cancelled — as
 *                      the cancelled booking's {@code refundAmount} would be
 * @param refundPercent the share of the total that is, under the same conditions
 * @param paidAmount    what the renter paid for it (the total once confirmed, 0 while held or after an unpaid expiry)
 */
record CancellationPreview(UUID bookingId, BookingStatus status, boolean cancellable, CancellationPolicy.Refusal reason,
        String detail, BigDecimal refundAmount, BigDecimal refundPercent, String currency, BigDecimal paidAmount,
        Policy policy, Instant asOf) {

    /**
     * The policy as it applies to this booking.
     *
     * @param fullRefundHoursBefore cancelled at least this many hours before the pickup: the full refund
     * @param fullRefundUntil       the last instant of the full refund for this booking
     * @param cancellableUntil      no cancel from this instant on (the pickup)
     */
    record Policy(@Schema(example = "24") BigDecimal fullRefundHoursBefore, BigDecimal fullRefundPercent,
            BigDecimal lateRefundPercent, Instant fullRefundUntil, Instant cancellableUntil) {
    }

    static CancellationPreview of(Booking booking, CancellationPolicy.Outcome outcome, CancellationPolicy policy,
            Instant asOf) {
        String currency = booking.currency();
        BigDecimal hours = BigDecimal.valueOf(policy.fullRefundBefore().toSeconds())
                .divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP).stripTrailingZeros();
        Policy terms = new Policy(hours.scale() < 0 ? hours.setScale(0) : hours, policy.fullRefundPercent(),
                policy.lateRefundPercent(), policy.fullRefundUntil(booking.pickupAt()), booking.pickupAt());
        long paidMinor = booking.confirmedAt() != null ? booking.totalMinor() : 0;
        return new CancellationPreview(booking.id(), booking.status(), outcome.cancellable(), outcome.refusal(),
                outcome.cancellable() ? null : outcome.problem(booking).getMessage(),
                outcome.refundMinor() == null ? null : Money.toMajor(outcome.refundMinor(), currency),
                outcome.refundPercent(), currency, Money.toMajor(paidMinor, currency), terms, asOf);
    }
}
