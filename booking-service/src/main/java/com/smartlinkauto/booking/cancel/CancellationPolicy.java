package com.smartlinkauto.booking.cancel;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.smartlinkauto.booking.config.BookingProperties;
import com.smartlinkauto.booking.shared.BookingProblems;
import com.smartlinkauto.booking.shared.Money;

/**
 * What a CONFIRMED booking cancelled at {@code now} gives back: {@code fullRefundPercent} of the total when
 * cancelled at least {@code fullRefundBefore} before the pickup (exactly 24 h before counts), {@code lateRefundPercent}
 * after that, and nothing can be cancelled from the pickup on (409). Rounded half-up to the currency's minor unit.
 */
record CancellationPolicy(Duration fullRefundBefore, BigDecimal fullRefundPercent, BigDecimal lateRefundPercent) {

    static CancellationPolicy of(BookingProperties.Cancellation config) {
        return new CancellationPolicy(config.fullRefundBefore(), config.fullRefundPercent(),
                config.lateRefundPercent());
    }

    /** The refund in minor units, or a 409 when the rental has begun. */
    long refundMinor(UUID bookingId, long totalMinor, Instant pickupAt, Instant now) {
        if (!now.isBefore(pickupAt)) {
            throw BookingProblems.illegalTransition(bookingId, "CONFIRMED",
                    "cancelled once its pickup time has come (" + pickupAt + ")");
        }
        boolean early = Duration.between(now, pickupAt).compareTo(fullRefundBefore) >= 0;
        return Money.percentOf(totalMinor, early ? fullRefundPercent : lateRefundPercent);
    }
}
