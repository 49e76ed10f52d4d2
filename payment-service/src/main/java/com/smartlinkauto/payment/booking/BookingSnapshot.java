package com.smartlinkauto.payment.booking;

import java.time.Instant;
import java.util.UUID;

/**
 * A booking as booking-service answered a moment ago.
 *
 * @param status        HELD, CONFIRMED, CANCELLED, EXPIRED or COMPLETED
 * @param totalMinor    the booking's total in minor units of {@code currency}: what a checkout charges
 * @param holdExpiresAt when a HELD booking lapses
 */
public record BookingSnapshot(UUID id, String status, UUID vehicleId, UUID renterId, UUID partnerId,
        long totalMinor, String currency, Instant holdExpiresAt) {

    public boolean held() {
        return "HELD".equals(status);
    }
}
