package com.smartlinkauto.booking.cache;

import java.util.UUID;

/**
 * The namespaces cache entries are filed under, each with its own version counter in Redis: what one change can
 * make stale. A partner's earnings live under {@link #partner}, a renter's totals under {@link #renter}, the admin
 * revenue under {@link #REVENUE}. A payment or refund touches all three (that partner, that renter, the revenue); a
 * booking change that alters a partner's rentals touches only that partner.
 */
public final class CacheNamespaces {

    public static final String REVENUE = "revenue";

    private CacheNamespaces() {
    }

    public static String partner(UUID partnerId) {
        return "partner:" + partnerId;
    }

    public static String renter(UUID renterId) {
        return "renter:" + renterId;
    }
}
