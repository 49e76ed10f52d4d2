package com.smartlinkauto.booking.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * This service's part of the admin overview (user-service composes it with its own and vehicle-service's parts):
 * bookings by status created today and this calendar month, and the revenue of this month and the last one, all
 * counted in {@code zone} — the zone the admin revenue's days and months are counted in (UTC).
 *
 * @param asOf              when these figures were computed (they are cached up to a minute, less when a booking or
 *                          payment changed them)
 * @param zone              the zone of "today" and of the months ({@code UTC})
 * @param bookingsToday     bookings created today, by their current status; every status is present (0 when none),
 *                          in the order HELD, CONFIRMED, CANCELLED, EXPIRED, COMPLETED
 * @param bookingsThisMonth bookings created this calendar month, likewise
 * @param revenueThisMonth  the ledger of {@code [first of this month, first of next month)}
 * @param revenueLastMonth  the ledger of {@code [first of last month, first of this month)}
 */
public record OverviewView(Instant asOf, String zone, Map<String, Long> bookingsToday,
        Map<String, Long> bookingsThisMonth, MonthRevenue revenueThisMonth, MonthRevenue revenueLastMonth) {

    /**
     * A calendar month's money, per currency (currencies in alphabetical order; none when nothing moved), with the
     * totals {@code GET /api/admin/revenue} gives for the same window.
     *
     * @param from the first instant of the month, inclusive
     * @param to   the first instant of the next month, exclusive
     */
    public record MonthRevenue(Instant from, Instant to, List<CurrencyRevenue> currencies) {
    }

    /**
     * One currency's month, in major units with the currency's decimals (exact: computed in minor units).
     *
     * @param gross       payments captured in the month
     * @param refunds     refunds made in the month (whenever their payment was)
     * @param commission  the platform's: round half-up((gross − refunds) × commission-percent / 100) to the minor unit
     * @param net         owed to partners: gross − refunds − commission
     * @param payments    how many payments were captured
     * @param refundCount how many refunds were made
     */
    public record CurrencyRevenue(String currency, BigDecimal gross, BigDecimal refunds, BigDecimal commission,
            BigDecimal net, long payments, long refundCount) {
    }
}
