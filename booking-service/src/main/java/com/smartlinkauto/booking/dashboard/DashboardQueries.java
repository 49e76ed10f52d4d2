package com.smartlinkauto.booking.dashboard;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dashboards' SQL: every figure is an aggregate (GROUP BY) over a range scan of an index — the ledger by
 * partner and time ({@code payment_ledger_partner_idx}), by renter ({@code payment_ledger_renter_idx}) or by time
 * ({@code payment_ledger_occurred_idx}); a partner's rented bookings by pickup
 * ({@code bookings_partner_rented_idx}, partial on CONFIRMED/COMPLETED); bookings by creation time
 * ({@code bookings_created_status_idx}). No rows are loaded into memory, only the
 * groups. Months and days are UTC. Rented time is counted in whole seconds per booking (and month), clipped to the
 * window (and the month).
 */
@Repository
class DashboardQueries {

    /** A partner's ledger by group and currency; {@code %s} is the group expression ({@link #MONTH_OF}, ...). */
    static final String PARTNER_LEDGER = """
            select %s as grp, currency,
                   coalesce(sum(amount_minor) filter (where kind = 'PAYMENT'), 0) as gross,
                   coalesce(-sum(amount_minor) filter (where kind = 'REFUND'), 0) as refunds,
                   count(*) filter (where kind = 'PAYMENT') as payments,
                   count(*) filter (where kind = 'REFUND') as refund_count
            from payment_ledger
            where partner_id = :partner and occurred_at >= :from and occurred_at < :to
            group by 1, 2
            """;

    static final String MONTH_OF = "to_char(occurred_at at time zone 'UTC', 'YYYY-MM')";

    /** The rented bookings of a partner overlapping the window: the condition every rentals query shares. */
    private static final String RENTED = """
            b.partner_id = :partner and b.status in ('CONFIRMED', 'COMPLETED')
            and b.pickup_at < :to and b.return_at > :from""";

    /** A partner's rentals and rented seconds per UTC month of the window (clipped to it) and currency. */
    static final String RENTALS_BY_MONTH = """
            select to_char(m.month, 'YYYY-MM') as grp, b.currency, count(*) as rentals,
                   sum(floor(extract(epoch from least(b.return_at, m.until) - greatest(b.pickup_at, m.since)))::bigint)
                       as seconds
            from (select month, greatest(month at time zone 'UTC', cast(:from as timestamptz)) as since,
                         least((month + interval '1 month') at time zone 'UTC', cast(:to as timestamptz)) as until
                  from generate_series(date_trunc('month', cast(:from as timestamptz) at time zone 'UTC'),
                                       cast(:to as timestamptz) at time zone 'UTC', interval '1 month') as month) m
            join bookings b on m.since < m.until and b.pickup_at < m.until and b.return_at > m.since
            where\s""" + RENTED + """

            group by 1, 2
            """;

    /** A partner's rentals and rented seconds (clipped to the window) per vehicle and currency. */
    static final String RENTALS_BY_VEHICLE = """
            select b.vehicle_id::text as grp, b.currency, count(*) as rentals,
                   sum(floor(extract(epoch from least(b.return_at, :to) - greatest(b.pickup_at, :from)))::bigint)
                       as seconds
            from bookings b
            where\s""" + RENTED + """

            group by 1, 2
            """;

    /** A partner's rentals and rented seconds (clipped to the window) per currency. */
    static final String RENTALS_TOTAL = """
            select '' as grp, b.currency, count(*) as rentals,
                   sum(floor(extract(epoch from least(b.return_at, :to) - greatest(b.pickup_at, :from)))::bigint)
                       as seconds
            from bookings b
            where\s""" + RENTED + """

            group by 2
            """;

    /** The whole ledger of a window by group and currency; {@code %s} the group expression, {@code %s} a join. */
    static final String REVENUE = """
            select %s as grp, l.currency,
                   coalesce(sum(l.amount_minor) filter (where l.kind = 'PAYMENT'), 0) as gross,
                   coalesce(-sum(l.amount_minor) filter (where l.kind = 'REFUND'), 0) as refunds,
                   count(*) filter (where l.kind = 'PAYMENT') as payments,
                   count(*) filter (where l.kind = 'REFUND') as refund_count
            from payment_ledger l %s
            where l.occurred_at >= :from and l.occurred_at < :to
            group by 1, 2
            """;

    /**
     * The bookings created in a month by their current status, and those of them created on one day of it (the
     * overview's today and this month): an index-only range scan of {@code bookings_created_status_idx}.
     */
    static final String BOOKINGS_BY_STATUS = """
            select status, count(*) filter (where created_at >= :dayFrom and created_at < :dayTo) as today,
                   count(*) as month
            from bookings
            where created_at >= :monthFrom and created_at < :monthTo
            group by status
            """;

    static final String RENTER_TOTALS = """
            select currency,
                   coalesce(sum(amount_minor) filter (where kind = 'PAYMENT'), 0) as paid,
                   coalesce(-sum(amount_minor) filter (where kind = 'REFUND'), 0) as refunded
            from payment_ledger
            where renter_id = :renter
            group by currency
            order by currency
            """;

    /** Money of one group and currency, in minor units. */
    record Amounts(String group, String currency, long grossMinor, long refundsMinor, long payments, long refundCount) {
    }

    /** Rentals of one group and currency, and their rented time in whole seconds. */
    record Rentals(String group, String currency, long rentals, long seconds) {
    }

    record Paid(String currency, long paidMinor, long refundedMinor) {
    }

    /** Bookings of one status created in the day and in the month. */
    record StatusCount(String status, long today, long month) {
    }

    /** How the admin revenue is grouped. */
    enum RevenueGroup {
        DAY("to_char(l.occurred_at at time zone 'UTC', 'YYYY-MM-DD')", ""),
        MONTH("to_char(l.occurred_at at time zone 'UTC', 'YYYY-MM')", ""),
        PARTNER("l.partner_id::text", ""),
        // the booking's city, copied onto its ledger rows (V5): no join with bookings
        CITY("coalesce(l.city, '" + Dashboards.UNKNOWN_CITY + "')", "");

        final String expression;
        final String join;

        RevenueGroup(String expression, String join) {
            this.expression = expression;
            this.join = join;
        }
    }

    private final JdbcClient jdbc;

    DashboardQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A partner's ledger in the window, by month ({@code byVehicle} false) or vehicle. */
    List<Amounts> partnerLedger(UUID partner, Window window, boolean byVehicle) {
        String sql = PARTNER_LEDGER.formatted(byVehicle ? "vehicle_id::text" : MONTH_OF);
        return jdbc.sql(sql).param("partner", partner).param("from", at(window.from())).param("to", at(window.to()))
                .query((rs, n) -> new Amounts(rs.getString("grp"), rs.getString("currency").trim(), rs.getLong("gross"),
                        rs.getLong("refunds"), rs.getLong("payments"), rs.getLong("refund_count")))
                .list();
    }

    List<Rentals> rentalsByMonth(UUID partner, Window window) {
        return rentals(RENTALS_BY_MONTH, partner, window);
    }

    List<Rentals> rentalsByVehicle(UUID partner, Window window) {
        return rentals(RENTALS_BY_VEHICLE, partner, window);
    }

    List<Rentals> rentalsTotal(UUID partner, Window window) {
        return rentals(RENTALS_TOTAL, partner, window);
    }

    private List<Rentals> rentals(String sql, UUID partner, Window window) {
        return jdbc.sql(sql).param("partner", partner).param("from", at(window.from())).param("to", at(window.to()))
                .query((rs, n) -> new Rentals(rs.getString("grp"), rs.getString("currency").trim(),
                        rs.getLong("rentals"), rs.getLong("seconds")))
                .list();
    }

    List<Amounts> revenue(Window window, RevenueGroup group) {
        return jdbc.sql(REVENUE.formatted(group.expression, group.join)).param("from", at(window.from()))
                .param("to", at(window.to()))
                .query((rs, n) -> new Amounts(rs.getString("grp"), rs.getString("currency").trim(), rs.getLong("gross"),
                        rs.getLong("refunds"), rs.getLong("payments"), rs.getLong("refund_count")))
                .list();
    }

    /** Bookings by status created in {@code [dayFrom, dayTo)} and in {@code [monthFrom, monthTo)} (which holds the day). */
    List<StatusCount> bookingsByStatus(Instant dayFrom, Instant dayTo, Instant monthFrom, Instant monthTo) {
        return jdbc.sql(BOOKINGS_BY_STATUS).param("dayFrom", at(dayFrom)).param("dayTo", at(dayTo))
                .param("monthFrom", at(monthFrom)).param("monthTo", at(monthTo))
                .query((rs, n) -> new StatusCount(rs.getString("status"), rs.getLong("today"), rs.getLong("month")))
                .list();
    }

    List<Paid> renterTotals(UUID renter) {
        return jdbc.sql(RENTER_TOTALS).param("renter", renter)
                .query((rs, n) -> new Paid(rs.getString("currency").trim(), rs.getLong("paid"), rs.getLong("refunded")))
                .list();
    }

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
