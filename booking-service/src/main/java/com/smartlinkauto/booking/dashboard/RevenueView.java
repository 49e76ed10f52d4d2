package com.smartlinkauto.booking.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The platform's revenue over {@code [from, to)} from the payment ledger, per currency: what was captured and
 * refunded, the commission ({@link Commission}) and what is owed to partners (net).
 *
 * @param groupBy {@code day} or {@code month} (UTC), {@code partner} (the partner's id) or {@code city} (the
 *                vehicle's city when it was booked; {@code unknown} for bookings from before that was recorded)
 */
public record RevenueView(Instant from, Instant to, String groupBy, BigDecimal commissionPercent,
        List<CurrencyRevenue> currencies) {

    public record CurrencyRevenue(String currency, Figures totals, List<Group> groups) {
    }

    /**
     * @param payments how many payments were captured; {@code refundCount} how many refunds were made
     */
    public record Figures(BigDecimal gross, BigDecimal refunds, BigDecimal commission, BigDecimal net, long payments,
            long refundCount) {
    }

    public record Group(String key, BigDecimal gross, BigDecimal refunds, BigDecimal commission, BigDecimal net,
            long payments, long refundCount) {
    }
}
