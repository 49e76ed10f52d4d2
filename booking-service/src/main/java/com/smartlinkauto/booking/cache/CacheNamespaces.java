package com.smartlinkauto.booking.cache;

import java.util.UUID;

/**
 * The namespaces cache entries are filed under, each with its own version counter in Redis: what one change can
 * make stale. A partner's earnings live under {@link #partner}, a renter's totals under {@link #renter}, the admin
 * revenue under {@link #REVENUE}, the admin overview under {@link #REVENUE} and {@link #BOOKING_COUNTS} (its money
 * and its bookings by status). A payment or refund touches the first three (that partner, that renter, the revenue);
 * a booking change that alters a partner's rentals touches that partner; every booking change (a hold, its expiry,
 * a confirmation, a cancellation, a completion) touches the booking counts and its partner's fleet status
 * ({@link #fleet}).
 */
public final class CacheNamespaces {

    public static final String REVENUE = "revenue";

    /** The bookings by status the admin overview counts: any booking change moves them. */
    public static final String BOOKING_COUNTS = "booking-counts";

    private CacheNamespaces() {
    }

    public static String partner(UUID partnerId) {
        return "partner:" + partnerId;
    }

    /**
     * A partner's fleet status: any change of one of their bookings (a hold, its expiry, a confirmation, a
     * cancellation, a completion) moves it; money does not.
     */
    public static String fleet(UUID partnerId) {
        return "fleet:" + partnerId;
    }

    public static String renter(UUID renterId) {
        return "renter:" + renterId;
    }
}
