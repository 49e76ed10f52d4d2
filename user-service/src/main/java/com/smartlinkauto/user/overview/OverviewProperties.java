package com.smartlinkauto.user.overview;

import java.net.URI;
import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * The admin overview ({@code smartlink.users.overview.*}).
 *
 * @param timeout        how long one part may take (each source's Resilience4j time limiter and HTTP read time-out):
 *                       the overview answers within about this, whatever its sources do
 * @param connectTimeout how long connecting to a source may take
 * @param cacheTtl       how long a part that was served stays in Redis (read-through; an unavailable part is never
 *                       stored)
 * @param cacheLookup    how long the overview waits for Redis before it treats every part as a miss
 * @param vehiclesUrl    vehicle-service ({@code GET /internal/vehicles/stats}); a bare service name goes through
 *                       discovery, anything else (tests) is called as it is
 * @param bookingsUrl    booking-service ({@code GET /internal/overview})
 * @param storageUrl     storage-controller-service ({@code GET /internal/storage/stats})
 */
@Validated
@ConfigurationProperties("smartlink.users.overview")
public record OverviewProperties(
        @DefaultValue("2s") @NotNull @DurationMin(millis = 100) @DurationMax(seconds = 30) Duration timeout,
        @DefaultValue("1s") @NotNull @DurationMin(millis = 50) @DurationMax(seconds = 30) Duration connectTimeout,
        @DefaultValue("1m") @NotNull @DurationMin(seconds = 1) @DurationMax(hours = 1) Duration cacheTtl,
        @DefaultValue("300ms") @NotNull @DurationMin(millis = 10) @DurationMax(seconds = 5) Duration cacheLookup,
        @DefaultValue("http://vehicle-service") @NotNull URI vehiclesUrl,
        @DefaultValue("http://booking-service") @NotNull URI bookingsUrl,
        @DefaultValue("http://storage-controller-service") @NotNull URI storageUrl) {
}
