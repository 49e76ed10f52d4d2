package com.smartlinkauto.booking.dashboard;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a renter paid and got back over all their bookings, per currency, from the payment ledger (only money a
 * provider really captured or refunded).
 */
public record RenterTotals(List<CurrencyTotals> currencies) {

    public record CurrencyTotals(String currency, BigDecimal paid, BigDecimal refunded) {
    }
}
