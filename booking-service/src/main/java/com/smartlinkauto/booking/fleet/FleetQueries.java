package com.smartlinkauto.booking.fleet;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The fleet status's SQL, over the partner's HELD and CONFIRMED bookings only: the partial index
 * {@code bookings_partner_active_idx (partner_id, vehicle_id, pickup_at) where status in ('HELD', 'CONFIRMED')}
 * holds what is booked now or later (the sweeper moves finished rentals to COMPLETED and lapsed holds to EXPIRED
 * within seconds), never the partner's history. Each per-vehicle query is bounded by the page's vehicles: at most
 * one rental under way and one next booking per vehicle ({@code distinct on}), at most {@code cap} holds per vehicle
 * (a window count gives the rest's number).
 */
@Repository
class FleetQueries {

    /** Where every query starts: the partner's booked vehicles of the page. */
    private static final String PAGE = "partner_id = :partner and vehicle_id in (:vehicles)";

    static final String ON_RENT = """
            select distinct on (vehicle_id) id, vehicle_id, renter_id, pickup_at, return_at
            from bookings
            where\s""" + PAGE + """
             and status = 'CONFIRMED' and pickup_at <= :now and return_at > :now
            order by vehicle_id, pickup_at, id
            """;

    static final String NEXT = """
            select distinct on (vehicle_id) id, vehicle_id, renter_id, pickup_at, return_at
            from bookings
            where\s""" + PAGE + """
             and status = 'CONFIRMED' and pickup_at > :now
            order by vehicle_id, pickup_at, id
            """;

    static final String HOLDS = """
            select id, vehicle_id, pickup_at, return_at, hold_expires_at, total_minor, currency, holds
            from (select id, vehicle_id, pickup_at, return_at, hold_expires_at, total_minor, currency,
                         row_number() over (partition by vehicle_id order by pickup_at, id) as n,
                         count(*) over (partition by vehicle_id) as holds
                  from bookings
                  where\s""" + PAGE + """
             and status = 'HELD' and hold_expires_at > :now) h
            where n <= :cap
            order by vehicle_id, pickup_at, id
            """;

    /** The whole fleet's counts and the next moment one of them changes by the clock. */
    static final String COUNTS = """
            select count(distinct vehicle_id) filter (where status = 'CONFIRMED' and pickup_at <= :now
                                                        and return_at > :now) as on_rent,
                   count(*) filter (where status = 'CONFIRMED' and pickup_at > :now) as upcoming,
                   count(*) filter (where status = 'HELD' and hold_expires_at > :now) as holds,
                   min(pickup_at) filter (where status = 'CONFIRMED' and pickup_at > :now) as next_pickup,
                   min(return_at) filter (where status = 'CONFIRMED' and pickup_at <= :now
                                           and return_at > :now) as next_return,
                   min(hold_expires_at) filter (where status = 'HELD' and hold_expires_at > :now) as next_lapse
            from bookings
            where partner_id = :partner and status in ('HELD', 'CONFIRMED')
            """;

    record Rental(UUID bookingId, UUID vehicleId, UUID renterId, Instant pickupAt, Instant returnAt) {
    }

    /** @param holds how many pending holds the vehicle has in all */
    record Hold(UUID bookingId, UUID vehicleId, Instant pickupAt, Instant returnAt, Instant holdExpiresAt,
            long totalMinor, String currency, long holds) {
    }

    /** @param nextChange the earliest of the next pickup, the next end of a rental under way, the next hold lapse */
    record Counts(long onRent, long upcoming, long holds, Instant nextChange) {
    }

    private final JdbcClient jdbc;

    FleetQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Rental> onRent(UUID partner, Collection<UUID> vehicles, Instant now) {
        return rentals(ON_RENT, partner, vehicles, now);
    }

    List<Rental> next(UUID partner, Collection<UUID> vehicles, Instant now) {
        return rentals(NEXT, partner, vehicles, now);
    }

    private List<Rental> rentals(String sql, UUID partner, Collection<UUID> vehicles, Instant now) {
        return jdbc.sql(sql).param("partner", partner).param("vehicles", vehicles).param("now", at(now))
                .query((rs, n) -> new Rental(rs.getObject("id", UUID.class), rs.getObject("vehicle_id", UUID.class),
                        rs.getObject("renter_id", UUID.class), instant(rs.getObject("pickup_at", OffsetDateTime.class)),
                        instant(rs.getObject("return_at", OffsetDateTime.class))))
                .list();
    }

    List<Hold> holds(UUID partner, Collection<UUID> vehicles, Instant now, int cap) {
        return jdbc.sql(HOLDS).param("partner", partner).param("vehicles", vehicles).param("now", at(now))
                .param("cap", cap)
                .query((rs, n) -> new Hold(rs.getObject("id", UUID.class), rs.getObject("vehicle_id", UUID.class),
                        instant(rs.getObject("pickup_at", OffsetDateTime.class)),
                        instant(rs.getObject("return_at", OffsetDateTime.class)),
                        instant(rs.getObject("hold_expires_at", OffsetDateTime.class)), rs.getLong("total_minor"),
                        rs.getString("currency").trim(), rs.getLong("holds")))
                .list();
    }

    Counts counts(UUID partner, Instant now) {
        return jdbc.sql(COUNTS).param("partner", partner).param("now", at(now))
                .query((rs, n) -> new Counts(rs.getLong("on_rent"), rs.getLong("upcoming"), rs.getLong("holds"),
                        earliest(instant(rs.getObject("next_pickup", OffsetDateTime.class)),
                                instant(rs.getObject("next_return", OffsetDateTime.class)),
                                instant(rs.getObject("next_lapse", OffsetDateTime.class)))))
                .single();
    }

    private static Instant earliest(Instant... instants) {
        Instant earliest = null;
        for (Instant instant : instants) {
            if (instant != null && (earliest == null || instant.isBefore(earliest))) {
                earliest = instant;
            }
        }
        return earliest;
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
