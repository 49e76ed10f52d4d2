package com.smartlinkauto.vehicle.catalog;

import java.time.Instant;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The catalogue in figures, for user-service's admin overview ({@code GET /internal/vehicles/stats}): one
 * aggregate query, so the figures come from one snapshot and add up.
 *
 * @param total         every vehicle ever listed (retired ones too)
 * @param byStatus      vehicles per lifecycle status; every status is present (0 when none)
 * @param active        ACTIVE vehicles (= {@code byStatus.ACTIVE})
 * @param pendingReview PENDING_REVIEW vehicles: listings waiting for an admin (= {@code byStatus.PENDING_REVIEW})
 * @param bookable      ACTIVE vehicles whose partner is VERIFIED: what renters can find and book
 * @param asOf          when the figures were read
 */
public record VehicleStats(long total,
        @Schema(example = "{\"PENDING_REVIEW\":3,\"ACTIVE\":12,\"REJECTED\":1,\"SUSPENDED\":0,\"RETIRED\":2}")
        Map<VehicleStatus, Long> byStatus, long active, long pendingReview, long bookable, Instant asOf) {
}
