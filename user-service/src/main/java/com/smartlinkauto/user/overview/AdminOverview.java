package com.smartlinkauto.user.overview;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code GET /api/admin/overview}: the platform at a glance, one part per owning service. A part whose source could
 * not answer in time is {@code {"status": "UNAVAILABLE", "reason": "..."}} and the others are served all the same.
 * Each part carries its own {@code asOf}: parts are cached for a minute, so they may be up to that old.
 */
@Schema(description = "The platform at a glance; every part is AVAILABLE with its figures, or UNAVAILABLE with a reason")
public record AdminOverview(@Schema(description = "when this answer was composed") Instant asOf, UsersPart users,
        VehiclesPart vehicles, BookingsPart bookings, RevenuePart revenue, StoragePart storage) {

    /** Whether a part's figures are there. */
    public enum PartStatus {
        AVAILABLE, UNAVAILABLE
    }

    /** What every part has. */
    interface Part {

        PartStatus status();

        String reason();
    }

    private static final String REASON = "why the part is missing (UNAVAILABLE only): timeout, connection refused, "
            + "circuit open, HTTP <status>, invalid answer, no instance, no service token, busy, unreachable";

    /** user-service's own accounts. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(description = "Accounts (user-service's own database)")
    public record UsersPart(PartStatus status, @Schema(description = REASON) String reason, Instant asOf, Long total,
            @Schema(description = "accounts per role", example = "{\"RENTER\":120,\"PARTNER\":14,\"ADMIN\":1}")
            Map<String, Long> byRole,
            @Schema(description = "partners per verification status",
                    example = "{\"PENDING\":3,\"VERIFIED\":10,\"REJECTED\":1}") Map<String, Long> partnersByVerification,
            @Schema(description = "partners waiting for verification (= partnersByVerification.PENDING)")
            Long pendingPartners) implements Part {

        static UsersPart unavailable(String reason) {
            return new UsersPart(PartStatus.UNAVAILABLE, reason, null, null, null, null, null);
        }
    }

    /** vehicle-service's catalogue. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(description = "Vehicles (vehicle-service, GET /internal/vehicles/stats)")
    public record VehiclesPart(PartStatus status, @Schema(description = REASON) String reason, Instant asOf,
            Long total, @Schema(description = "ACTIVE vehicles") Long active,
            @Schema(description = "listings waiting for review (PENDING_REVIEW)") Long pending,
            @Schema(description = "ACTIVE vehicles whose partner is verified: what renters can book") Long bookable,
            @Schema(description = "vehicles per status",
                    example = "{\"PENDING_REVIEW\":3,\"ACTIVE\":12,\"REJECTED\":1,\"SUSPENDED\":0,\"RETIRED\":2}")
            Map<String, Long> byStatus) implements Part {

        static VehiclesPart unavailable(String reason) {
            return new VehiclesPart(PartStatus.UNAVAILABLE, reason, null, null, null, null, null, null);
        }
    }

    /** booking-service's bookings, today and this month. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(description = "Bookings created today and this month, per status (booking-service, GET /internal/overview)")
    public record BookingsPart(PartStatus status, @Schema(description = REASON) String reason, Instant asOf,
            @Schema(description = "the time zone of 'today' and 'this month'", example = "UTC") String zone,
            @Schema(example = "{\"HELD\":3,\"CONFIRMED\":5,\"CANCELLED\":1,\"EXPIRED\":0,\"COMPLETED\":0}")
            Map<String, Long> today, Map<String, Long> thisMonth) implements Part {

        static BookingsPart unavailable(String reason) {
            return new BookingsPart(PartStatus.UNAVAILABLE, reason, null, null, null, null);
        }
    }

    /** booking-service's revenue, this month and last month, per currency. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(description = "Revenue this month and last month per currency (booking-service, GET /internal/overview)")
    public record RevenuePart(PartStatus status, @Schema(description = REASON) String reason, Instant asOf,
            @Schema(example = "UTC") String zone, Period thisMonth, Period lastMonth) implements Part {

        static RevenuePart unavailable(String reason) {
            return new RevenuePart(PartStatus.UNAVAILABLE, reason, null, null, null, null);
        }
    }

    /** One month's revenue, half-open {@code [from, to)}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Period(Instant from, Instant to, List<CurrencyRevenue> currencies) {
    }

    /**
     * One currency's revenue in its major unit, as booking-service reports it: what was captured (gross), refunded,
     * the platform's commission and what is owed to partners (net).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CurrencyRevenue(@Schema(example = "XAF") String currency,
            @Schema(example = "45000") BigDecimal gross, @Schema(example = "0") BigDecimal refunds,
            @Schema(example = "6750") BigDecimal commission, @Schema(example = "38250") BigDecimal net,
            @Schema(description = "payments captured") long payments,
            @Schema(description = "refunds made") long refundCount) {
    }

    /** storage-controller-service's network health. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(description = "The storage network's health (storage-controller-service, GET /internal/storage/stats)")
    public record StoragePart(PartStatus status, @Schema(description = REASON) String reason, Instant asOf,
            Nodes nodes,
            @Schema(description = "chunks with fewer stored copies than their replication") Long underReplicatedChunks,
            @Schema(description = "chunks without a stored copy on a node that is not dead") Long unavailableChunks,
            @Schema(description = "files stored") Long files,
            @Schema(description = "used ÷ declared capacity of the live nodes, %") Double storageUtilisationPercent)
            implements Part {

        static StoragePart unavailable(String reason) {
            return new StoragePart(PartStatus.UNAVAILABLE, reason, null, null, null, null, null, null);
        }
    }

    /** Storage nodes by liveness: live + stale + dead = total. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Nodes(long total, long live, long stale, long dead) {
    }
}
