package com.smartlinkauto.user.overview;

/** The overview's parts: each from one source, cached on its own ({@code overview-<key>}). */
enum OverviewPart {

    USERS("users", AdminOverview.UsersPart.class, Source.ACCOUNTS),
    VEHICLES("vehicles", AdminOverview.VehiclesPart.class, Source.VEHICLES),
    BOOKINGS("bookings", AdminOverview.BookingsPart.class, Source.BOOKINGS),
    REVENUE("revenue", AdminOverview.RevenuePart.class, Source.BOOKINGS),
    STORAGE("storage", AdminOverview.StoragePart.class, Source.STORAGE);

    private final String key;
    private final Class<? extends AdminOverview.Part> type;
    private final Source source;

    OverviewPart(String key, Class<? extends AdminOverview.Part> type, Source source) {
        this.key = key;
        this.type = type;
        this.source = source;
    }

    String key() {
        return key;
    }

    /** The cache's name in {@code smartlink_cache_requests_total{cache}}. */
    String cacheName() {
        return "overview-" + key;
    }

    Class<? extends AdminOverview.Part> type() {
        return type;
    }

    Source source() {
        return source;
    }

    /**
     * Where parts come from; one call per source serves all its parts (booking-service's one answer is both
     * {@link #BOOKINGS} and {@link #REVENUE}). Each has its own circuit breaker and time limiter,
     * {@code overview-<id>}.
     */
    enum Source {
        /** user-service's own database */
        ACCOUNTS("accounts"),
        VEHICLES("vehicle-service"),
        BOOKINGS("booking-service"),
        STORAGE("storage-controller-service");

        private final String id;

        Source(String id) {
            this.id = id;
        }

        /** The service it is (its service id: the audience of the service token), or {@code accounts}. */
        String id() {
            return id;
        }

        String breakerName() {
            return "overview-" + id;
        }
    }
}
