package com.smartlinkauto.vehicle.config;

import java.math.BigDecimal;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * {@code smartlink.vehicles.*}: defaults here, overridable from config-repo and environment variables.
 *
 * @param maxPricePerDay the highest base price per day a listing may ask, in any currency's major unit
 */
@Validated
@ConfigurationProperties("smartlink.vehicles")
public record VehicleProperties(@DefaultValue("10000") @NotNull @DecimalMin("1") BigDecimal maxPricePerDay,
        @DefaultValue @Valid Cache cache, @DefaultValue @Valid Photos photos, @DefaultValue @Valid Search search) {

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
}
