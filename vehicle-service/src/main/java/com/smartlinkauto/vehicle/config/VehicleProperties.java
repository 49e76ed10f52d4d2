package com.smartlinkauto.vehicle.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * {@code smartlink.vehicles.*}: defaults here, overridable from config-repo and environment variables.
 *
 * @param maxPricePerDay           the highest base price per day a listing may ask in a currency that
 *                                 {@code maxPricePerDayByCurrency} does not name, in its major unit
 * @param maxPricePerDayByCurrency the highest base price per day per ISO 4217 currency, in its major unit: one
 *                                 bound for every currency cannot fit both EUR (10,000 a day is a lot) and XAF
 *                                 (25,000 a day is an ordinary car). Absent: {@link #DEFAULT_MAX_PRICE_PER_DAY_BY_CURRENCY};
 *                                 configured: exactly the configured entries
 */
@Validated
@ConfigurationProperties("smartlink.vehicles")
public record VehicleProperties(
        @DefaultValue("10000") @NotNull @DecimalMin("1") @DecimalMax(MAX_PRICE_BOUND) BigDecimal maxPricePerDay,
        Map<String, BigDecimal> maxPricePerDayByCurrency, @DefaultValue @Valid Cache cache,
        @DefaultValue @Valid Photos photos, @DefaultValue @Valid Search search,
        @DefaultValue @Valid Blackouts blackouts, @DefaultValue @Valid Quotas quotas) {

    /** No bound above what a price may be at all (10 digits before the point, as stored: numeric(14,4)). */
    static final String MAX_PRICE_BOUND = "9999999999";

    /** EUR and USD 10,000, XAF (no minor unit) 10,000,000 a day. */
    public static final Map<String, BigDecimal> DEFAULT_MAX_PRICE_PER_DAY_BY_CURRENCY = Map.of(
            "EUR", new BigDecimal("10000"), "USD", new BigDecimal("10000"), "XAF", new BigDecimal("10000000"));

    public VehicleProperties {
        if (maxPricePerDayByCurrency == null) {
            maxPricePerDayByCurrency = DEFAULT_MAX_PRICE_PER_DAY_BY_CURRENCY;
        }
        else {
            // environment variables bind map keys in lower case (..._BYCURRENCY_XAF → "xaf"): codes are upper case
            Map<String, BigDecimal> upper = new LinkedHashMap<>();
            maxPricePerDayByCurrency.forEach((code, max) -> upper.put(code.strip().toUpperCase(Locale.ROOT), max));
            maxPricePerDayByCurrency = java.util.Collections.unmodifiableMap(upper);
        }
    }

    /** The bound for {@code currency} (an ISO 4217 code): its own entry, else {@link #maxPricePerDay()}. */
    public BigDecimal maxPricePerDay(String currency) {
        return maxPricePerDayByCurrency.getOrDefault(currency.toUpperCase(Locale.ROOT), maxPricePerDay);
    }

    @AssertTrue(message = "max-price-per-day-by-currency: every key must be an ISO 4217 currency code with a minor "
            + "unit (EUR, XAF, ...) and every bound between 1 and " + MAX_PRICE_BOUND)
    boolean isMaxPricePerDayByCurrencySane() {
        BigDecimal ceiling = new BigDecimal(MAX_PRICE_BOUND);
        for (Map.Entry<String, BigDecimal> entry : maxPricePerDayByCurrency.entrySet()) {
            BigDecimal max = entry.getValue();
            if (max == null || max.compareTo(BigDecimal.ONE) < 0 || max.compareTo(ceiling) > 0) {
                return false;
            }
            try {
                if (Currency.getInstance(entry.getKey()).getDefaultFractionDigits() < 0) {
                    return false;
                }
            }
            catch (IllegalArgumentException ex) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param searchTtl  how long a search result page is kept (and may be served) at most
     * @param vehicleTtl how long a vehicle's public details are kept at most
     */
    public record Cache(@DefaultValue("true") boolean enabled, @DefaultValue("30s") @NotNull Duration searchTtl,
            @DefaultValue("10m") @NotNull Duration vehicleTtl) {
    }

    /** @param maxBytes the largest photo accepted (the multipart limit is set a little above it) */
    public record Photos(@DefaultValue("20") @Min(1) @Max(100) int maxPerVehicle,
            @DefaultValue("10485760") @Min(1024) long maxBytes) {
    }

    /**
     * @param maxRadiusKm  the widest {@code radiusKm} a search may ask for
     * @param maxRangeDays the longest {@code [from, to)} a search may ask for
     */
    public record Search(@DefaultValue("500") @Min(1) @Max(20000) int maxRadiusKm,
            @DefaultValue("365") @Min(1) int maxRangeDays, @DefaultValue("100") @Min(1) @Max(1000) int maxPageSize) {
    }

    /** @param maxAhead how far from now a blackout may end (a partner plans a year or two ahead, not a century) */
    public record Blackouts(@DefaultValue("730d") @NotNull Duration maxAhead) {
    }

    /**
     * What one partner may list and store, so that sign-ups nobody has verified cannot fill the catalogue or
     * the storage network. Photo quotas count every photo of every vehicle of the partner, whoever uploaded it.
     */
    public record Quotas(@DefaultValue @Valid Unverified unverified, @DefaultValue @Valid Verified verified) {
    }

    /**
     * A partner PENDING or REJECTED.
     *
     * @param maxVehicles   vehicles (not retired) they may have listed
     * @param maxPhotos     photos across all their vehicles
     * @param maxPhotoBytes the photos' total size
     */
    public record Unverified(@DefaultValue("5") @Min(0) int maxVehicles, @DefaultValue("50") @Min(0) int maxPhotos,
            @DefaultValue("200MB") @NotNull DataSize maxPhotoBytes) {
    }

    /**
     * A VERIFIED partner (no vehicle cap).
     *
     * @param maxPhotos     photos across all their vehicles
     * @param maxPhotoBytes the photos' total size
     */
    public record Verified(@DefaultValue("2000") @Min(0) int maxPhotos,
            @DefaultValue("10GB") @NotNull DataSize maxPhotoBytes) {
    }
}
