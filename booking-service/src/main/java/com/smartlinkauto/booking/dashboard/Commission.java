package com.smartlinkauto.booking.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The platform's commission on money captured less money refunded, in minor units:
 * {@code commission = round((gross − refunds) × percent / 100)}, half-up to the minor unit (a half rounds away from
 * zero: 1.5 → 2, −1.5 → −2). Computed per currency and per group on that group's own gross and refunds, and for the
 * totals on the totals (so the groups' commissions may differ from the total's by rounding, at most half a minor
 * unit per group). A group whose refunds exceed its gross (a refund in a later month) has a negative commission:
 * the platform gives its share of the refund back. Net payout = gross − refunds − commission.
 */
final class Commission {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Commission() {
    }

    static long of(long grossMinor, long refundsMinor, BigDecimal percent) {
        return BigDecimal.valueOf(grossMinor - refundsMinor).multiply(percent)
                .divide(HUNDRED, 0, RoundingMode.HALF_UP).longValueExact();
    }
}
