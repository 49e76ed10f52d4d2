package com.smartlinkauto.vehicle.config;

import java.math.BigDecimal;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
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
        @DefaultValue @Valid Cache cache, @DefaultValue @Valid Photos photos, @DefaultValue @Valid Search search,
        @DefaultValue @Valid Blackouts blackouts, @DefaultValue @Valid Quotas quotas) {

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
