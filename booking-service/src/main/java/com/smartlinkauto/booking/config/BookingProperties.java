package com.smartlinkauto.booking.config;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * {@code smartlink.bookings.*}: defaults here, overridable from {@code config-repo/booking-service.yml} and
 * environment variables ({@code SMARTLINK_BOOKINGS_HOLD_DURATION}, ...).
 *
 * @param holdDuration how long a hold keeps the vehicle for its renter before it expires (the time to pay)
 * @param serviceFeePercent the platform's fee, a percentage of the subtotal (rounded half-up to the currency's
 *                          minor unit)
 * @param maxPageSize the largest page of a booking list
 * @param earnings the platform's commission on what partners earn (partner earnings, admin revenue)
 * @param cache the dashboards' read-through cache in Redis
 */
@Validated
@ConfigurationProperties("smartlink.bookings")
public record BookingProperties(@DefaultValue("10m") @NotNull Duration holdDuration,
        @DefaultValue("10") @NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal serviceFeePercent,
        @DefaultValue @Valid Rules rules, @DefaultValue @Valid Cancellation cancellation,
        @DefaultValue @Valid Lock lock, @DefaultValue @Valid Idempotency idempotency,
        @DefaultValue @Valid Vehicles vehicles, @DefaultValue @Valid Sweeper sweeper,
        @DefaultValue("100") @Min(1) @Max(1000) int maxPageSize, @DefaultValue @Valid Earnings earnings,
        @DefaultValue @Valid Cache cache) {

    @AssertTrue(message = "hold-duration must be between 1 second and 1 day")
    boolean isHoldDurationSane() {
        return holdDuration == null || (!holdDuration.isNegative() && holdDuration.compareTo(Duration.ofSeconds(1)) >= 0
                && holdDuration.compareTo(Duration.ofDays(1)) <= 0);
    }

    /**
     * What a requested rental must be.
     *
     * @param minLeadTime the earliest pickup, from now
     * @param maxDuration the longest rental (at most 366 days)
     * @param maxAhead    how far ahead a pickup may lie
     */
    public record Rules(@DefaultValue("1h") @NotNull Duration minLeadTime, @DefaultValue("90d") @NotNull Duration maxDuration,
            @DefaultValue("730d") @NotNull Duration maxAhead) {

        @AssertTrue(message = "max-duration must be between 1 hour and 366 days")
        boolean isMaxDurationSane() {
            return maxDuration == null || (maxDuration.compareTo(Duration.ofHours(1)) >= 0
                    && maxDuration.compareTo(Duration.ofDays(366)) <= 0);
        }
    }

    /**
     * The cancellation policy of a CONFIRMED booking (a HELD one is cancelled free of charge; after the pickup
     * nothing is cancelled).
     *
     * @param fullRefundBefore  cancelled at least this long before the pickup: {@code fullRefundPercent} back
     * @param fullRefundPercent the refund, in percent of the total, when cancelled early enough
     * @param lateRefundPercent the refund when cancelled later, but before the pickup
     */
    public record Cancellation(@DefaultValue("24h") @NotNull Duration fullRefundBefore,
            @DefaultValue("100") @NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal fullRefundPercent,
            @DefaultValue("50") @NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal lateRefundPercent) {
    }

    /**
     * The Redis lock per vehicle ({@code booking:vehicle:<id>}) that sheds load before the database decides.
     *
     * @param enabled    off: every hold goes to the database (which still admits exactly one)
     * @param waitTime   how long a hold waits for the lock before it answers 423
     * @param lease      the lock expires by itself after this long (a crashed holder)
     * @param retryAfter the {@code Retry-After} of a 423
     */
    public record Lock(@DefaultValue("true") boolean enabled, @DefaultValue("100ms") @NotNull Duration waitTime,
            @DefaultValue("5s") @NotNull Duration lease, @DefaultValue("1s") @NotNull Duration retryAfter) {
    }

    /**
     * @param retention how long an idempotency key (and the answer it replays) is kept
     * @param inFlightTtl how long a request with a key counts as in flight at most (a crashed instance's key is
     *                    free again after this)
     */
    public record Idempotency(@DefaultValue("24h") @NotNull Duration retention,
            @DefaultValue("30s") @NotNull Duration inFlightTtl) {
    }

    /**
     * vehicle-service's internal read ({@code GET /internal/vehicles/{id}} and its blackouts).
     *
     * @param baseUrl        {@code http://vehicle-service} (found through discovery) or a fixed URL
     * @param cacheTtl       how long a vehicle's price, status and blackouts are reused at most (each instance forgets a
     *                       vehicle as soon as a {@code vehicle.events} record of it arrives; this bounds staleness
     *                       should one never arrive)
     * @param cacheSize      vehicles kept at most
     * @param connectTimeout connection time-out of one call
     * @param readTimeout    answer time-out of one call
     */
    public record Vehicles(@DefaultValue("http://vehicle-service") @NotNull URI baseUrl,
            @DefaultValue("5m") @NotNull Duration cacheTtl, @DefaultValue("10000") @Min(0) long cacheSize,
            @DefaultValue("1s") @NotNull Duration connectTimeout, @DefaultValue("10s") @NotNull Duration readTimeout) {
    }

    /**
     * The single-runner sweeper (ShedLock): HELD past expiry → EXPIRED, CONFIRMED past return → COMPLETED.
     *
     * @param interval  pause between two runs (at most 15 s, the bound)
     * @param batchSize changes per statement
     */
    public record Sweeper(@DefaultValue("5s") @NotNull Duration interval, @DefaultValue("500") @Min(1) @Max(10_000) int batchSize) {

        @AssertTrue(message = "sweeper.interval must be between 100 ms and 15 s")
        boolean isIntervalSane() {
            return interval == null || (interval.compareTo(Duration.ofMillis(100)) >= 0
                    && interval.compareTo(Duration.ofSeconds(15)) <= 0);
        }
    }

    /**
     * Partner earnings and admin revenue.
     *
     * @param commissionPercent the platform's commission, in percent of what was captured less what was refunded
     *                          (per currency and group, rounded half-up to the minor unit)
     */
    public record Earnings(@DefaultValue("15") @NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal commissionPercent) {
    }

    /**
     * The dashboards' read-through cache in the state Redis (versioned keys, see the cache module).
     *
     * @param enabled          off: every read computes from the database
     * @param earningsTtl      a partner's earnings
     * @param renterHistoryTtl a renter's totals paid and refunded
     * @param revenueTtl       the admin revenue
     * @param overviewTtl      the bookings and revenue part of the admin overview ({@code GET /internal/overview},
     *                         user-service's)
     * @param fleetTtl         a partner's fleet status (shorter when a rental starts sooner: that comes by the clock,
     *                         not by an event)
     */
    public record Cache(@DefaultValue("true") boolean enabled, @DefaultValue("10m") @NotNull Duration earningsTtl,
            @DefaultValue("5m") @NotNull Duration renterHistoryTtl, @DefaultValue("10m") @NotNull Duration revenueTtl,
            @DefaultValue("1m") @NotNull Duration overviewTtl, @DefaultValue("1m") @NotNull Duration fleetTtl) {

        @AssertTrue(message = "cache TTLs must be between 1 second and 1 day")
        boolean isTtlSane() {
            for (Duration ttl : new Duration[] { earningsTtl, renterHistoryTtl, revenueTtl, overviewTtl, fleetTtl }) {
                if (ttl != null && (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(Duration.ofDays(1)) > 0)) {
                    return false;
                }
            }
            return true;
        }
    }
}
