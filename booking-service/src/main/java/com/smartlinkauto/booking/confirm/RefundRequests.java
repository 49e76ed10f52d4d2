package com.smartlinkauto.booking.confirm;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code refund_requests}: each payment of a booking is asked back at most once. */
@Repository
class RefundRequests {

    private final JdbcClient jdbc;

    RefundRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the request; false when this payment's refund was asked for already. */
    boolean record(UUID bookingId, String paymentReference, long amountMinor, String currency, String reason,
            Instant now) {
        return jdbc.sql("insert into refund_requests (booking_id, payment_reference, amount_minor, currency, reason, "
                + "requested_at) values (?, ?, ?, ?, ?, ?) on conflict do nothing")
                .params(bookingId, paymentReference, amountMinor, currency, reason, now.atOffset(ZoneOffset.UTC))
                .update() == 1;
    }
}
