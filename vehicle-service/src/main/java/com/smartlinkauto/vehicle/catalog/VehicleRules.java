package com.smartlinkauto.vehicle.catalog;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Year;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.smartlinkauto.servicedefaults.validation.TextRules;
import com.smartlinkauto.vehicle.shared.Invalid;

/** Listing rules that need more than an annotation: model year, money, country, normalisation. */
public final class VehicleRules {

    /** ISO 3779: 17 characters, digits and capital letters except I, O and Q. */
    public static final String VIN_PATTERN = "[A-HJ-NPR-Z0-9]{17}";
    public static final String PLATE_PATTERN = "[A-Za-z0-9][A-Za-z0-9 -]{0,14}[A-Za-z0-9]";
    public static final int FIRST_MODEL_YEAR = 1990;
    public static final int DEFAULT_TURNAROUND_MINUTES = 60;
    /** Prices are stored as {@code numeric(14,4)}: a client's price may have no more digits than that. */
    public static final int PRICE_INTEGER_DIGITS = 10;
    public static final int PRICE_FRACTION_DIGITS = 4;

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private VehicleRules() {
    }

    /** 1990 … next year (a new model year is sold from the autumn before). */
    static void checkYear(int year, Clock clock) {
        int next = Year.now(clock).getValue() + 1;
        if (year < FIRST_MODEL_YEAR || year > next) {
            throw Invalid.field("year", "must be between " + FIRST_MODEL_YEAR + " and " + next);
        }
    }

    static String currency(String code) {
        try {
            Currency currency = Currency.getInstance(code);
            if (currency.getDefaultFractionDigits() < 0) {
                throw Invalid.field("currency", "is not a currency prices can be given in");
            }
            return currency.getCurrencyCode();
        }
        catch (IllegalArgumentException ex) {
            throw Invalid.field("currency", "is not an ISO 4217 currency code");
        }
    }

    /**
     * The price in minor units; more decimals than the currency has, or above {@code max} (the bound of
     * {@code currency}: {@code VehicleProperties.maxPricePerDay(currency)}), is a 400 that names the bound and its
     * currency (in the message and as {@code currency}, {@code maxPricePerDay}).
     */
    static long priceMinor(BigDecimal price, String currency, BigDecimal max) {
        if (price.signum() <= 0) {
            throw Invalid.field("basePricePerDay", "must be greater than 0");
        }
        if (price.compareTo(max) > 0) {
            String bound = max.stripTrailingZeros().toPlainString();
            throw Invalid.field("basePricePerDay", "must be at most " + bound + " " + currency + " per day (the limit for "
                    + currency + ")", Map.of("currency", currency, "maxPricePerDay", max.stripTrailingZeros()));
        }
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        BigDecimal stripped = price.stripTrailingZeros();
        if (stripped.scale() > digits) {
            throw Invalid.field("basePricePerDay", currency + " has " + digits + " decimal places");
        }
        return price.movePointRight(digits).longValueExact();
    }

    static BigDecimal price(long minor, String currency) {
        return BigDecimal.valueOf(minor, Currency.getInstance(currency).getDefaultFractionDigits());
    }

    static String country(String code) {
        String upper = code.toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(upper)) {
            throw Invalid.field("location.country", "is not an ISO 3166-1 alpha-2 country code");
        }
        return upper;
    }

    /** What plates are compared by: "b-ab 123" and "BAB123" are the same plate. */
    public static String plateKey(String plate) {
        return plate.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }

    public static String cityKey(String city) {
        return city.strip().toLowerCase(Locale.ROOT);
    }

    /** Trimmed; blank is no value. */
    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Each feature NFC-normalised and trimmed (nulls kept for validation to report); null stays null. */
    static List<String> normalize(List<String> features) {
        if (features == null) {
            return null;
        }
        List<String> normalized = new ArrayList<>(features.size());
        for (String feature : features) {
            normalized.add(TextRules.normalize(feature));
        }
        return java.util.Collections.unmodifiableList(normalized);
    }

    /** Trimmed, duplicates (ignoring case) dropped, order kept. */
    static List<String> features(List<String> features) {
        if (features == null) {
            return List.of();
        }
        Set<String> seen = new LinkedHashSet<>();
        List<String> result = new ArrayList<>();
        for (String feature : features) {
            String trimmed = feature.strip();
            if (seen.add(trimmed.toLowerCase(Locale.ROOT))) {
                result.add(trimmed);
            }
        }
        return List.copyOf(result);
    }
}
