package com.smartlinkauto.vehicle.availability;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code blackouts} and the booking projection {@code vehicle_bookings}. */
@Repository
class AvailabilityStore {

    private static final RowMapper<Blackout> BLACKOUTS = (rs, n) -> new Blackout(rs.getObject("id", UUID.class),
            rs.getObject("vehicle_id", UUID.class), rs.getTimestamp("from_at").toInstant(),
            rs.getTimestamp("to_at").toInstant(), rs.getString("reason"), rs.getObject("created_by", UUID.class),
            rs.getTimestamp("created_at").toInstant());

    private static final String BLACKOUT_COLUMNS =
            "id, vehicle_id, lower(period) as from_at, upper(period) as to_at, reason, created_by, created_at";

    private final JdbcClient jdbc;

    AvailabilityStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the blackout; the exclusion constraint refuses an overlap (DataIntegrityViolation). */
    void insert(Blackout b) {
        jdbc.sql("insert into blackouts (id, vehicle_id, period, reason, created_by, created_at) "
                + "values (:id, :vehicle, tstzrange(:from, :to, '[)'), :reason, :by, :at)")
                .param("id", b.id()).param("vehicle", b.vehicleId()).param("from", Timestamp.from(b.from()))
                .param("to", Timestamp.from(b.to())).param("reason", b.reason()).param("by", b.createdBy())
                .param("at", Timestamp.from(b.createdAt()))
                .update();
    }

    List<Blackout> blackouts(UUID vehicleId) {
        return jdbc.sql("select " + BLACKOUT_COLUMNS + " from blackouts where vehicle_id = ? order by lower(period)")
                .param(vehicleId).query(BLACKOUTS).list();
    }

    Optional<Blackout> blackout(UUID vehicleId, UUID id) {
        return jdbc.sql("select " + BLACKOUT_COLUMNS + " from blackouts where vehicle_id = ? and id = ?")
                .params(vehicleId, id).query(BLACKOUTS).optional();
    }

    void deleteBlackout(UUID id) {
        jdbc.sql("delete from blackouts where id = ?").param(id).update();
    }

    /** Blackouts and blocking bookings (+ turnaround) overlapping {@code [from, to)}: one query. */
    List<BusyInterval> busy(UUID vehicleId, int turnaroundMinutes, Instant from, Instant to, Instant now) {
        return jdbc.sql("select lower(period) as from_at, upper(period) as to_at, 'BLACKOUT' as kind from blackouts "
                + "where vehicle_id = :vehicle and period && tstzrange(:from, :to, '[)') "
                + "union all "
                + "select lower(period), upper(period) + make_interval(mins => :turnaround), 'BOOKING' "
                + "from vehicle_bookings where vehicle_id = :vehicle and status in ('HELD', 'CONFIRMED') "
                + "and (status = 'CONFIRMED' or expires_at is null or expires_at > :now) "
                + "and period && tstzrange(cast(:from as timestamptz) - make_interval(mins => :turnaround), "
                + "cast(:to as timestamptz), '[)') "
                + "order by 1, 2")
                .param("vehicle", vehicleId).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .param("turnaround", turnaroundMinutes).param("now", Timestamp.from(now))
                .query((rs, n) -> new BusyInterval(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant(),
                        BusyInterval.Kind.valueOf(rs.getString(3))))
                .list();
    }

    /**
     * Upserts one booking from {@code booking.events}: a newer {@code sequence} replaces the row, an older
     * or equal one changes nothing (events may come twice or out of order).
     *
     * @return whether the row changed
     */
    boolean upsertBooking(UUID bookingId, UUID vehicleId, String status, Instant pickupAt, Instant returnAt,
            Instant expiresAt, long sequence, Instant changedAt) {
        return jdbc.sql("insert into vehicle_bookings (booking_id, vehicle_id, status, period, expires_at, sequence, "
                + "changed_at) values (:id, :vehicle, :status, tstzrange(:pickup, :return, '[)'), :expires, :sequence, "
                + ":changedAt) on conflict (booking_id) do update set vehicle_id = excluded.vehicle_id, "
                + "status = excluded.status, period = excluded.period, expires_at = excluded.expires_at, "
                + "sequence = excluded.sequence, changed_at = excluded.changed_at, updated_at = now() "
                + "where vehicle_bookings.sequence < excluded.sequence")
                .param("id", bookingId).param("vehicle", vehicleId).param("status", status)
                .param("pickup", Timestamp.from(pickupAt)).param("return", Timestamp.from(returnAt))
                .param("expires", expiresAt == null ? null : Timestamp.from(expiresAt)).param("sequence", sequence)
                .param("changedAt", Timestamp.from(changedAt))
                .update() == 1;
    }
}
