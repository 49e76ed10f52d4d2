package com.smartlinkauto.user.overview;

/** The sources' answers as their contracts document them (the figures the ITs expect back). */
public final class OverviewSamples {

    /** vehicle-service {@code GET /internal/vehicles/stats}. */
    public static final String VEHICLES = """
            {"total":18,"byStatus":{"PENDING_REVIEW":3,"ACTIVE":12,"REJECTED":1,"SUSPENDED":0,"RETIRED":2},
             "active":12,"pendingReview":3,"bookable":11,"asOf":"2026-12-04T10:15:30Z"}""";

    /** booking-service {@code GET /internal/overview}. */
    public static final String BOOKINGS = """
            {"asOf":"2026-12-04T10:15:31Z","zone":"UTC",
             "bookingsToday":{"HELD":3,"CONFIRMED":5,"CANCELLED":1,"EXPIRED":0,"COMPLETED":0},
             "bookingsThisMonth":{"HELD":4,"CONFIRMED":21,"CANCELLED":2,"EXPIRED":6,"COMPLETED":9},
             "revenueThisMonth":{"from":"2026-12-01T00:00:00Z","to":"2027-01-01T00:00:00Z","currencies":[
               {"currency":"XAF","gross":45000,"refunds":0,"commission":6750,"net":38250,"payments":1,"refundCount":0},
               {"currency":"EUR","gross":612.50,"refunds":49.90,"commission":84.39,"net":478.21,"payments":7,
                "refundCount":1}]},
             "revenueLastMonth":{"from":"2026-11-01T00:00:00Z","to":"2026-12-01T00:00:00Z","currencies":[
               {"currency":"EUR","gross":1000.00,"refunds":0.00,"commission":150.00,"net":850.00,"payments":10,
                "refundCount":0}]}}""";

    /** storage-controller-service {@code GET /internal/storage/stats} (every field it sends, most unused). */
    public static final String STORAGE = """
            {"nodes":{"total":4,"live":3,"stale":0,"dead":1,"decommissioning":0,"decommissioned":0},"files":42,
             "chunks":100,"replicas":280,"logicalBytes":1000,"storedBytes":3000,"usedBytes":3000,"capacityBytes":9000,
             "storageUtilisationPercent":33.33,"bandwidthUtilisationPercent":1.5,"activeTransfers":0,
             "nodeActiveTransfers":0,"copiesInFlight":0,"transfersInProgress":0,"underReplicatedChunks":20,
             "unavailableChunks":2,"replicationFactorAverage":2.8,"generatedAt":"2026-12-04T10:15:32Z"}""";

    private OverviewSamples() {
    }
}
