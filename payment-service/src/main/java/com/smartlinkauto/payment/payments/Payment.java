package com.smartlinkauto.payment.payments;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code payment}: money captured for a booking, and how much of it went back. */
public record Payment(UUID id, UUID bookingId, UUID sessionId, UUID renterId, UUID partnerId, UUID vehicleId,
        String provider, String providerPaymentId, long amountMinor, String currency, long refundedMinor,
        Instant capturedAt) {
}
