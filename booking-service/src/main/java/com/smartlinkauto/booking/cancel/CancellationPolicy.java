package com.smartlinkauto.booking.cancel;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import com.smartlinkauto.booking.bookings.Booking;
import com.smartlinkauto.booking.config.BookingProperties;
import com.smartlinkauto.booking.shared.BookingProblems;
import com.smartlinkauto.booking.shared.Money;
import com.smartlinkauto.servicedefaults.problem.ApiException;

/**
 * What cancelling a booking at {@code now} does: a HELD booking is cancelled free of charge (nothing was charged, so
 * there is no refund); a CONFIRMED one gives back {@code fullRefundPercent} of the total when cancelled at least
 * {@code fullRefundBefore} before the pickup (exactly 24 h before counts), {@code lateRefundPercent} after that, and
 * cannot be cancelled from the pickup on; no other status can be cancelled. Rounded half-up to the currency's minor
 * unit.
 * <p>
 * {@link #assess} is the one place this rule lives: the cancel applies its outcome and the preview
 * ({@code GET /api/bookings/{id}/cancellation}) shows it, so the two cannot disagree for the same booking and instant.
 */
record CancellationPolicy(Duration fullRefundBefore, BigDecimal fullRefundPercent, BigDecimal lateRefundPercent) {

    static CancellationPolicy of(BookingProperties.Cancellation config) {
        return new CancellationPolicy(config.fullRefundBefore(), config.fullRefundPercent(),
                config.lateRefundPercent());
    }

    /** Why a booking cannot be cancelled (stable codes: the web UI translates them). */
    enum Refusal {
        /** CONFIRMED, and its pickup time has come: the rental has begun */
        RENTAL_STARTED,
        ALREADY_CANCELLED,
        /** the hold lapsed unpaid */
        EXPIRED,
        /** the rental is over */
        COMPLETED
    }

    /**
     * The outcome of a cancellation at one instant.
     *
     * @param refusal       why it cannot be cancelled, or null when it can
     * @param refundMinor   what comes back, in minor units; null when nothing was charged (a hold) or it cannot be
     *                      cancelled
     * @param refundPercent the share of the total {@code refundMinor} is, under the same conditions
     */
    record Outcome(Refusal refusal, Long refundMinor, BigDecimal refundPercent) {

        boolean cancellable() {
            return refusal == null;
        }

        /** The 409 a cancel answers with when {@link #cancellable()} is false (what the preview's detail says). */
        ApiException problem(Booking booking) {
            if (refusal == Refusal.RENTAL_STARTED) {
                return BookingProblems.illegalTransition(booking.id(), booking.status().name(),
                        "cancelled once its pickup time has come (" + booking.pickupAt() + ")");
            }
            return BookingProblems.illegalTransition(booking.id(), booking.status().name(), "cancelled");
        }
    }

    /** The last instant a CONFIRMED booking picked up at {@code pickupAt} is cancelled with the full refund. */
    Instant fullRefundUntil(Instant pickupAt) {
        return pickupAt.minus(fullRefundBefore);
    }

    Outcome assess(Booking booking, Instant now) {
        return switch (booking.status()) {
            case HELD -> new Outcome(null, null, null);
            case CONFIRMED -> {
                if (!now.isBefore(booking.pickupAt())) {
                    yield new Outcome(Refusal.RENTAL_STARTED, null, null);
                }
                BigDecimal percent = now.isAfter(fullRefundUntil(booking.pickupAt())) ? lateRefundPercent
                        : fullRefundPercent;
                yield new Outcome(null, Money.percentOf(booking.totalMinor(), percent), percent);
            }
            case CANCELLED -> new Outcome(Refusal.ALREADY_CANCELLED, null, null);
            case EXPIRED -> new Outcome(Refusal.EXPIRED, null, null);
            case COMPLETED -> new Outcome(Refusal.COMPLETED, null, null);
        };
    }
}
