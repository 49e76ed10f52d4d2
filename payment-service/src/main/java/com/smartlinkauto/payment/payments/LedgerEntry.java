package com.smartlinkauto.payment.payments;

import java.time.Instant;
import java.util.UUID;

/** A row of the append-only ledger: PAYMENT (positive) or REFUND (negative), in minor units. */
public record LedgerEntry(UUID id, String kind, UUID bookingId, UUID paymentId, UUID refundId, long amountMinor,
        String currency, UUID partnerId, UUID vehicleId, UUID renterId, Instant occurredAt) {
}
