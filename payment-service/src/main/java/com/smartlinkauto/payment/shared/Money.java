package com.smartlinkauto.payment.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * Amounts as stored (minor units, {@code long}, plus an ISO 4217 code) and as the API shows them
 * ({@link BigDecimal} in major units with the currency's number of decimals).
 */
public final class Money {

    private Money() {
    }

    /** Decimals of the currency's minor unit (EUR 2, JPY 0); an unknown code is an {@link IllegalArgumentException}. */
    public static int fractionDigits(String currency) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        return Math.max(0, digits);
    }

    /** The exact amount in minor units; an amount with more decimals than the currency has is refused. */
    public static long toMinor(BigDecimal amount, String currency) {
        return amount.setScale(fractionDigits(currency), RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    public static BigDecimal toMajor(long minor, String currency) {
        return BigDecimal.valueOf(minor, fractionDigits(currency));
    }

    /** {@code percent} % of {@code minor}, rounded half-up to a whole minor unit. */
    public static long percentOf(long minor, BigDecimal percent) {
        return BigDecimal.valueOf(minor).multiply(percent).divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP)
                .longValueExact();
    }
}
