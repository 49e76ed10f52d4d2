package com.smartlinkauto.payment.payments;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code checkout_session}. {@code status}: OPEN, COMPLETED or EXPIRED. */
public record CheckoutSession(UUID id, UUID bookingId, UUID renterId, UUID partnerId, UUID vehicleId, String provider,
        String providerSessionId, String checkoutUrl, long amountMinor, String currency, String status,
        Instant expiresAt, Instant expireRequestedAt, Instant createdAt, Instant updatedAt) {

    public static final String OPEN = "OPEN";
    public static final String COMPLETED = "COMPLETED";
    public static final String EXPIRED = "EXPIRED";

    public boolean open() {
        return OPEN.equals(status);
    }
}
