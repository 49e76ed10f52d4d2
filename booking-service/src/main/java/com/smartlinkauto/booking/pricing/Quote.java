package com.smartlinkauto.booking.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.smartlinkauto.booking.shared.Money;

/**
 * A price for a rental, in minor units of {@code currency}: {@code days × pricePerDay = subtotal},
 * {@code subtotal + serviceFee = total}.
 */
public record Quote(UUID vehicleId, Instant pickupAt, Instant returnAt, int days, long pricePerDayMinor,
        long subtotalMinor, long serviceFeeMinor, long totalMinor, String currency) {

    /** As the API shows it: major units with the currency's decimals. */
    public record View(UUID vehicleId, Instant pickupAt, Instant returnAt, int days, BigDecimal pricePerDay,
            BigDecimal subtotal, BigDecimal serviceFee, BigDecimal total, String currency) {
    }

    public View view() {
        return new View(vehicleId, pickupAt, returnAt, days, Money.toMajor(pricePerDayMinor, currency),
                Money.toMajor(subtotalMinor, currency), Money.toMajor(serviceFeeMinor, currency),
                Money.toMajor(totalMinor, currency), currency);
    }
}
