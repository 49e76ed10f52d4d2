package com.smartlinkauto.payment.payments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code checkout_session}. */
@Repository
public class SessionStore {

    private static final String COLUMNS = "id, booking_id, renter_id, partner_id, vehicle_id, provider, "
            + "provider_session_id, checkout_url, amount_minor, currency, status, expires_at, expire_requested_at, "
            + "created_at, updated_at";

    private final JdbcClient jdbc;

    SessionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts an OPEN session.
     *
     * @throws org.springframework.dao.DuplicateKeyException when the booking has an OPEN session already (or the
     *                                                        provider session is known)
     */
    public void insert(CheckoutSession s) {
        jdbc.sql("insert into checkout_session (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(s.id(), s.bookingId(), s.renterId(), s.partnerId(), s.vehicleId(), s.provider(),
                        s.providerSessionId(), s.checkoutUrl(), s.amountMinor(), s.currency(), s.status(),
                        ts(s.expiresAt()), ts(s.expireRequestedAt()), ts(s.createdAt()), ts(s.updatedAt()))
                .update();
    }

    public Optional<CheckoutSession> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from checkout_session where id = ?").param(id).query(SessionStore::map)
                .optional();
    }

    public Optional<CheckoutSession> findOpen(UUID bookingId) {
        return jdbc.sql("select " + COLUMNS + " from checkout_session where booking_id = ? and status = 'OPEN'")
                .param(bookingId).query(SessionStore::map).optional();
    }

    public Optional<CheckoutSession> findByProviderSessionId(String providerSessionId) {
        return jdbc.sql("select " + COLUMNS + " from checkout_session where provider_session_id = ?")
                .param(providerSessionId).query(SessionStore::map).optional();
    }

    /** The row locked until the transaction ends (one change of a session at a time). */
    public Optional<CheckoutSession> lockByProviderSessionId(String providerSessionId) {
        return jdbc.sql("select " + COLUMNS + " from checkout_session where provider_session_id = ? for update")
                .param(providerSessionId).query(SessionStore::map).optional();
    }

    /** The booking's sessions, newest first. */
    public List<CheckoutSession> forBooking(UUID bookingId) {
        return jdbc.sql("select " + COLUMNS + " from checkout_session where booking_id = ? order by created_at desc")
                .param(bookingId).query(SessionStore::map).list();
    }

    public long countForBooking(UUID bookingId) {
        return jdbc.sql("select count(*) from checkout_session where booking_id = ?").param(bookingId)
                .query(Long.class).single();
    }

    /** OPEN or EXPIRED → COMPLETED (a payment that arrives after the expiry still counts); false if completed already. */
    public boolean complete(UUID id, Instant now) {
        return jdbc.sql("update checkout_session set status = 'COMPLETED', updated_at = ? "
                + "where id = ? and status <> 'COMPLETED'").params(ts(now), id).update() == 1;
    }

    /** OPEN → EXPIRED; a COMPLETED session stays COMPLETED. */
    public boolean expire(UUID id, Instant now) {
        return jdbc.sql("update checkout_session set status = 'EXPIRED', updated_at = ? where id = ? and status = 'OPEN'")
                .params(ts(now), id).update() == 1;
    }

    /**
     * The booking's OPEN session at {@code provider} is to be expired there (its hold lapsed or it was cancelled).
     */
    public List<CheckoutSession> requestExpiry(UUID bookingId, String provider, Instant now) {
        return jdbc.sql("update checkout_session set expire_requested_at = coalesce(expire_requested_at, ?), "
                + "updated_at = ? where booking_id = ? and provider = ? and status = 'OPEN' returning " + COLUMNS)
                .params(ts(now), ts(now), bookingId, provider).query(SessionStore::map).list();
    }

    /** OPEN sessions at {@code provider} still to be expired there. */
    public List<CheckoutSession> awaitingExpiry(String provider, int limit) {
        return jdbc.sql("select " + COLUMNS + " from checkout_session where status = 'OPEN' and provider = ? "
                + "and expire_requested_at is not null order by expire_requested_at limit ?").params(provider, limit)
                .query(SessionStore::map).list();
    }

    /** OPEN sessions the provider has let lapse by itself (past {@code expires_at}). */
    public int expireLapsed(Instant now) {
        return jdbc.sql("update checkout_session set status = 'EXPIRED', updated_at = ? "
                + "where status = 'OPEN' and expires_at < ?").params(ts(now), ts(now)).update();
    }

    static CheckoutSession map(ResultSet rs, int row) throws SQLException {
        return new CheckoutSession(rs.getObject("id", UUID.class), rs.getObject("booking_id", UUID.class),
                rs.getObject("renter_id", UUID.class), rs.getObject("partner_id", UUID.class),
                rs.getObject("vehicle_id", UUID.class), rs.getString("provider"), rs.getString("provider_session_id"),
                rs.getString("checkout_url"), rs.getLong("amount_minor"), rs.getString("currency"),
                rs.getString("status"), instant(rs, "expires_at"), instant(rs, "expire_requested_at"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
