package com.smartlinkauto.booking.bookings;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for {@code bookings}. Every change bumps {@code sequence} and returns the row as it is now (the caller
 * publishes it). The exclusion constraint {@code bookings_no_overlap} is the one authority on overlaps.
 */
@Repository
public class BookingStore {

    private static final RowMapper<Booking> BOOKINGS = BookingStore::map;

    private final JdbcClient jdbc;

    BookingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new hold, priced and checked; {@code blockedUntil} = return + turnaround. */
    public record NewHold(UUID id, UUID vehicleId, UUID renterId, UUID partnerId, Stay stay, int turnaroundMinutes,
            int days, long pricePerDayMinor, long subtotalMinor, long serviceFeeMinor, long totalMinor,
            String currency, Instant holdExpiresAt, Instant now, String city) {
    }

    /**
     * Inserts the hold unless a HELD or CONFIRMED booking of the vehicle overlaps it (turnaround included):
     * {@code INSERT … ON CONFLICT DO NOTHING}, so racing inserts wait for each other in the constraint check instead
     * of deadlocking in it, and exactly one of overlapping holds gets a row.
     *
     * @return the new booking, or empty when the slot is taken
     */
    public Optional<Booking> insertHeld(NewHold h) {
        return jdbc.sql("insert into bookings (id, vehicle_id, renter_id, partner_id, status, pickup_at, return_at, "
                + "turnaround_minutes, blocked_until, days, price_per_day_minor, subtotal_minor, service_fee_minor, "
                + "total_minor, currency, hold_expires_at, sequence, created_at, updated_at, city) values (:id, :vehicle, "
                + ":renter, :partner, 'HELD', :pickup, :return, :turnaround, :blocked, :days, :perDay, :subtotal, :fee, "
                + ":total, :currency, :expires, 1, :now, :now, :city) on conflict do nothing returning *")
                .param("id", h.id()).param("vehicle", h.vehicleId()).param("renter", h.renterId())
                .param("partner", h.partnerId()).param("pickup", at(h.stay().pickupAt()))
                .param("return", at(h.stay().returnAt())).param("turnaround", h.turnaroundMinutes())
                .param("blocked", at(h.stay().blockedUntil(h.turnaroundMinutes()))).param("days", h.days())
                .param("perDay", h.pricePerDayMinor()).param("subtotal", h.subtotalMinor())
                .param("fee", h.serviceFeeMinor()).param("total", h.totalMinor()).param("currency", h.currency())
                .param("expires", at(h.holdExpiresAt())).param("now", at(h.now())).param("city", h.city())
                .query(BOOKINGS).optional();
    }

    /** The blocking interval of a HELD or CONFIRMED booking of the vehicle that overlaps {@code [from, until)}. */
    public Optional<Busy> firstBlocking(UUID vehicleId, Instant from, Instant until) {
        return jdbc.sql("select pickup_at, blocked_until from bookings where vehicle_id = :vehicle "
                + "and status in ('HELD', 'CONFIRMED') "
                + "and tstzrange(pickup_at, blocked_until, '[)') && tstzrange(:from, :until, '[)') "
                + "order by pickup_at limit 1")
                .param("vehicle", vehicleId).param("from", at(from)).param("until", at(until))
                .query((rs, n) -> new Busy(instant(rs, "pickup_at"), instant(rs, "blocked_until"))).optional();
    }

    /** {@code [from, until)}: a booking's pickup to its return plus turnaround. */
    public record Busy(Instant from, Instant until) {
    }

    public Optional<Booking> find(UUID id) {
        return jdbc.sql("select * from bookings where id = ?").param(id).query(BOOKINGS).optional();
    }

    /** The row, locked until the end of the caller's transaction. */
    public Optional<Booking> lock(UUID id) {
        return jdbc.sql("select * from bookings where id = ? for update").param(id).query(BOOKINGS).optional();
    }

    /** This vehicle's holds that lapsed, now EXPIRED (so that a new hold is not refused by a stale one). */
    public List<Booking> expireLapsedHolds(UUID vehicleId, Instant now) {
        return jdbc.sql("update bookings set status = 'EXPIRED', sequence = sequence + 1, updated_at = :now "
                + "where vehicle_id = :vehicle and status = 'HELD' and hold_expires_at <= :now returning *")
                .param("vehicle", vehicleId).param("now", at(now)).query(BOOKINGS).list();
    }

    /** Up to {@code limit} lapsed holds of any vehicle, now EXPIRED (rows another runner has locked are skipped). */
    public List<Booking> expireLapsedHolds(Instant now, int limit) {
        return jdbc.sql("update bookings set status = 'EXPIRED', sequence = sequence + 1, updated_at = :now "
                + "where id in (select id from bookings where status = 'HELD' and hold_expires_at <= :now "
                + "order by hold_expires_at limit :limit for update skip locked) returning *")
                .param("now", at(now)).param("limit", limit).query(BOOKINGS).list();
    }

    /** Up to {@code limit} confirmed bookings whose return has passed, now COMPLETED. */
    public List<Booking> completeReturned(Instant now, int limit) {
        return jdbc.sql("update bookings set status = 'COMPLETED', sequence = sequence + 1, updated_at = :now "
                + "where id in (select id from bookings where status = 'CONFIRMED' and return_at <= :now "
                + "order by return_at limit :limit for update skip locked) returning *")
                .param("now", at(now)).param("limit", limit).query(BOOKINGS).list();
    }

    /**
     * CONFIRMED now, with the payment that paid it. From EXPIRED or CANCELLED the row becomes blocking again, which
     * the exclusion constraint refuses when the slot has been taken meanwhile (a
     * {@link org.springframework.dao.DataIntegrityViolationException}: call it inside a savepoint).
     */
    public Booking confirm(UUID id, String paymentReference, Instant now) {
        return jdbc.sql("update bookings set status = 'CONFIRMED', confirmed_at = :now, payment_reference = :payment, "
                + "cancelled_at = null, cancelled_by = null, cancel_reason = null, refund_minor = null, "
                + "sequence = sequence + 1, updated_at = :now where id = :id returning *")
                .param("id", id).param("payment", paymentReference).param("now", at(now)).query(BOOKINGS).single();
    }

    /** CANCELLED now, by {@code by}, with the refund the policy gives (null: nothing was charged). */
    public Booking cancel(UUID id, UUID by, String reason, Long refundMinor, Instant now) {
        return jdbc.sql("update bookings set status = 'CANCELLED', cancelled_at = :now, cancelled_by = :by, "
                + "cancel_reason = :reason, refund_minor = :refund, sequence = sequence + 1, updated_at = :now "
                + "where id = :id returning *")
                .param("id", id).param("by", by).param("reason", reason).param("refund", refundMinor)
                .param("now", at(now)).query(BOOKINGS).single();
    }

    /**
     * Which bookings a list shows; null = any. {@code [from, to)} selects the bookings whose rental overlaps it;
     * {@code returnAfter} those returned after it (upcoming or under way), {@code returnNotAfter} those returned by
     * then (past).
     */
    public record Filter(UUID renterId, UUID partnerId, UUID vehicleId, BookingStatus status, Instant from,
            Instant to, Instant returnAfter, Instant returnNotAfter) {

        public Filter(UUID renterId, UUID partnerId, UUID vehicleId, BookingStatus status, Instant from, Instant to) {
            this(renterId, partnerId, vehicleId, status, from, to, null, null);
        }
    }

    /** A page of bookings, the latest pickup first. */
    public List<Booking> page(Filter filter, int page, int size) {
        Where where = where(filter);
        return where.bind(jdbc.sql("select * from bookings" + where.sql
                + " order by pickup_at desc, id limit :limit offset :offset"))
                .param("limit", size).param("offset", (long) page * size).query(BOOKINGS).list();
    }

    public long count(Filter filter) {
        Where where = where(filter);
        return where.bind(jdbc.sql("select count(*) from bookings" + where.sql)).query(Long.class).single();
    }

    private record Where(String sql, List<Object[]> params) {

        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
            for (Object[] p : params) {
                spec = spec.param((String) p[0], p[1]);
            }
            return spec;
        }
    }

    private static Where where(Filter f) {
        List<String> conditions = new ArrayList<>();
        List<Object[]> params = new ArrayList<>();
        if (f.renterId() != null) {
            conditions.add("renter_id = :renter");
            params.add(new Object[] { "renter", f.renterId() });
        }
        if (f.partnerId() != null) {
            conditions.add("partner_id = :partner");
            params.add(new Object[] { "partner", f.partnerId() });
        }
        if (f.vehicleId() != null) {
            conditions.add("vehicle_id = :vehicle");
            params.add(new Object[] { "vehicle", f.vehicleId() });
        }
        if (f.status() != null) {
            conditions.add("status = :status");
            params.add(new Object[] { "status", f.status().name() });
        }
        if (f.from() != null) {
            conditions.add("return_at > :from");
            params.add(new Object[] { "from", at(f.from()) });
        }
        if (f.to() != null) {
            conditions.add("pickup_at < :to");
            params.add(new Object[] { "to", at(f.to()) });
        }
        if (f.returnAfter() != null) {
            conditions.add("return_at > :returnAfter");
            params.add(new Object[] { "returnAfter", at(f.returnAfter()) });
        }
        if (f.returnNotAfter() != null) {
            conditions.add("return_at <= :returnNotAfter");
            params.add(new Object[] { "returnNotAfter", at(f.returnNotAfter()) });
        }
        return new Where(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), params);
    }

    static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Booking map(ResultSet rs, int row) throws SQLException {
        long refund = rs.getLong("refund_minor");
        Long refundMinor = rs.wasNull() ? null : refund;
        return new Booking(rs.getObject("id", UUID.class), rs.getObject("vehicle_id", UUID.class),
                rs.getObject("renter_id", UUID.class), rs.getObject("partner_id", UUID.class),
                BookingStatus.valueOf(rs.getString("status")), instant(rs, "pickup_at"), instant(rs, "return_at"),
                rs.getInt("turnaround_minutes"), instant(rs, "blocked_until"), rs.getInt("days"),
                rs.getLong("price_per_day_minor"), rs.getLong("subtotal_minor"), rs.getLong("service_fee_minor"),
                rs.getLong("total_minor"), rs.getString("currency"), instant(rs, "hold_expires_at"),
                instant(rs, "confirmed_at"), rs.getString("payment_reference"), instant(rs, "cancelled_at"),
                rs.getObject("cancelled_by", UUID.class), rs.getString("cancel_reason"), refundMinor,
                rs.getLong("sequence"), instant(rs, "created_at"), instant(rs, "updated_at"), rs.getString("city"));
    }
}
