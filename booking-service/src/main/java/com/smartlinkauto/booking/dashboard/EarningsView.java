package com.smartlinkauto.booking.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A partner's earnings over {@code [from, to)}, per currency: money in major units with the currency's decimals,
 * computed exactly in minor units ({@link Commission} for the commission and the net payout).
 *
 * @param groupBy    {@code month} (UTC calendar months, clipped to the window) or {@code vehicle}
 * @param currencies one entry per currency the partner was paid, refunded or rented in during the window
 * @param vehicles   every vehicle of the partner with a rental in the window: its rentals, rented days and
 *                   utilisation (rented time ÷ the window's length), whatever the currency
 */
public record EarningsView(UUID partnerId, Instant from, Instant to, String groupBy, BigDecimal commissionPercent,
        List<CurrencyEarnings> currencies, List<VehicleUtilisation> vehicles) {

    /** One currency: its totals over the window and its groups (months in order, or vehicles by id). */
    public record CurrencyEarnings(String currency, Totals totals, List<Group> groups) {
    }

    /**
     * @param gross      captured payments whose {@code paidAt} is in the window
     * @param refunds    refunds whose {@code refundedAt} is in the window (whenever their payment was)
     * @param commission the platform's, on {@code gross − refunds}
     * @param net        the payout: {@code gross − refunds − commission}
     * @param rentals    CONFIRMED and COMPLETED bookings overlapping the window
     * @param rentedDays their rented time inside the window, in days (2 decimals)
     */
    public record Totals(BigDecimal gross, BigDecimal refunds, BigDecimal commission, BigDecimal net, long rentals,
            BigDecimal rentedDays) {
    }

    /** A month ({@code 2026-03}) or a vehicle (its id): the same figures, for that month or vehicle only. */
    public record Group(String key, BigDecimal gross, BigDecimal refunds, BigDecimal commission, BigDecimal net,
            long rentals, BigDecimal rentedDays) {
    }

    /** @param utilisation rented time inside the window ÷ the window's length (0–1, 4 decimals) */
    public record VehicleUtilisation(UUID vehicleId, long rentals, BigDecimal rentedDays, BigDecimal utilisation) {
    }
}
