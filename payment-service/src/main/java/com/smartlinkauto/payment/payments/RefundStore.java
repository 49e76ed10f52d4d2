package com.smartlinkauto.payment.payments;

import static com.smartlinkauto.payment.payments.SessionStore.instant;
import static com.smartlinkauto.payment.payments.SessionStore.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code refund}. */
@Repository
public class RefundStore {

    private static final String COLUMNS = "id, payment_id, booking_id, amount_minor, currency, reason, "
            + "idempotency_key, provider_refund_id, status, attempts, next_attempt_at, last_error, created_at, "
            + "completed_at";

    private final JdbcClient jdbc;

    RefundStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the refund unless its idempotency key is known; false then. */
    boolean insert(Refund r) {
        return jdbc.sql("insert into refund (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "on conflict (idempotency_key) do nothing")
                .params(r.id(), r.paymentId(), r.bookingId(), r.amountMinor(), r.currency(), r.reason(),
                        r.idempotencyKey(), r.providerRefundId(), r.status(), r.attempts(), ts(r.nextAttemptAt()),
                        r.lastError(), ts(r.createdAt()), ts(r.completedAt()))
                .update() == 1;
    }

    public Optional<Refund> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from refund where id = ?").param(id).query(RefundStore::map).optional();
    }

    /** The row locked until the transaction ends. */
    Optional<Refund> lock(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from refund where id = ? for update").param(id).query(RefundStore::map)
                .optional();
    }

    /** PENDING and SUCCEEDED refunds of the payment: what is given back or on its way back. */
    long committedMinor(UUID paymentId) {
        return jdbc.sql("select coalesce(sum(amount_minor), 0) from refund where payment_id = ? "
                + "and status in ('PENDING', 'SUCCEEDED')").param(paymentId).query(Long.class).single();
    }

    public List<Refund> forBooking(UUID bookingId) {
        return jdbc.sql("select " + COLUMNS + " from refund where booking_id = ? order by created_at, id")
                .param(bookingId).query(RefundStore::map).list();
    }

    /** PENDING refunds of payments captured by {@code provider} whose next attempt is due, oldest first. */
    public List<Refund> due(String provider, Instant now, int limit) {
        return jdbc.sql("select r.* from refund r join payment p on p.id = "
                + "r.payment_id where r.status = 'PENDING' and r.next_attempt_at <= ? and p.provider = ? "
                + "order by r.next_attempt_at limit ?").params(ts(now), provider, limit).query(RefundStore::map).list();
    }

    /** Another attempt later; the error kept for operators. */
    public void reschedule(UUID id, int attempts, Instant next, String error) {
        jdbc.sql("update refund set attempts = ?, next_attempt_at = ?, last_error = ? where id = ? "
                + "and status = 'PENDING'").params(attempts, ts(next), truncate(error), id).update();
    }

    /** Given up: the provider refused it for good, or every attempt failed. */
    public boolean fail(UUID id, int attempts, String error, Instant now) {
        return jdbc.sql("update refund set status = 'FAILED', attempts = ?, last_error = ?, completed_at = ? "
                + "where id = ? and status = 'PENDING'").params(attempts, truncate(error), ts(now), id).update() == 1;
    }

    void succeed(UUID id, String providerRefundId, int attempts, Instant now) {
        jdbc.sql("update refund set status = 'SUCCEEDED', provider_refund_id = ?, attempts = ?, last_error = null, "
                + "completed_at = ? where id = ?").params(providerRefundId, attempts, ts(now), id).update();
    }

    private static String truncate(String error) {
        return error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error;
    }

    static Refund map(ResultSet rs, int row) throws SQLException {
        return new Refund(rs.getObject("id", UUID.class), rs.getObject("payment_id", UUID.class),
                rs.getObject("booking_id", UUID.class), rs.getLong("amount_minor"), rs.getString("currency"),
                rs.getString("reason"), rs.getString("idempotency_key"), rs.getString("provider_refund_id"),
                rs.getString("status"), rs.getInt("attempts"), instant(rs, "next_attempt_at"),
                rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "completed_at"));
    }
}
