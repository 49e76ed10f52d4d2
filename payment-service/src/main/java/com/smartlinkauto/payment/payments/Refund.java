package com.smartlinkauto.payment.payments;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code refund}. {@code status}: PENDING (the provider has not accepted it yet), SUCCEEDED or FAILED. */
public record Refund(UUID id, UUID paymentId, UUID bookingId, long amountMinor, String currency, String reason,
        String idempotencyKey, String providerRefundId, String status, int attempts, Instant nextAttemptAt,
        String lastError, Instant createdAt, Instant completedAt) {

    public static final String PENDING = "PENDING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
}
