package com.smartlinkauto.booking.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.booking.BookingTestSupport;

/**
 * The earnings queries on 100,000 bookings (seeded by SQL, 2,000 partners, a ledger row per rented booking and a
 * refund for every tenth, in 2032–2033 where no other test writes): PostgreSQL's plan reads the partner's rows
 * through an index — the ledger's {@code (partner_id, occurred_at)} and the partial index of rented bookings by
 * partner and pickup — never a sequential scan of either table. Then the endpoint answers them, cold and warm.
 */
class EarningsPlanIT extends BookingTestSupport {

    private static final int BOOKINGS = 100_000;
    private static final int PARTNERS = 2_000;

    @Test
    void theEarningsQueriesUseIndexesOn100kBookings() {
        String run = UUID.randomUUID().toString();
        // partner n of this run: a UUID from md5(run:n); each booking its own vehicle (no overlaps to check)
        jdbc.sql("""
                insert into bookings (id, vehicle_id, renter_id, partner_id, status, pickup_at, return_at,
                    turnaround_minutes, blocked_until, days, price_per_day_minor, subtotal_minor, service_fee_minor,
                    total_minor, currency, hold_expires_at, sequence, created_at, updated_at, city)
                select gen_random_uuid(), gen_random_uuid(), gen_random_uuid(),
                       md5(:run || ':' || (g % :partners))::uuid,
                       (array['CONFIRMED', 'COMPLETED', 'CANCELLED', 'EXPIRED', 'COMPLETED'])[(g / :partners) % 5 + 1],
                       timestamptz '2032-01-01 00:00Z' + (g % 700) * interval '1 day',
                       timestamptz '2032-01-03 00:00Z' + (g % 700) * interval '1 day',
                       0, timestamptz '2032-01-03 00:00Z' + (g % 700) * interval '1 day',
                       2, 5000, 10000, 0, 10000, case when g % 3 = 0 then 'XAF' else 'EUR' end, null, 2,
                       now(), now(), 'City ' || (g % 50)
                from generate_series(1, :count) as g
                """).param("run", run).param("partners", PARTNERS).param("count", BOOKINGS).update();
        jdbc.sql("""
                insert into payment_ledger (source_id, kind, payment_id, booking_id, partner_id, vehicle_id,
                    renter_id, amount_minor, currency, occurred_at, recorded_at)
                select p, 'PAYMENT', p, id, partner_id, vehicle_id, renter_id, total_minor, currency,
                       pickup_at - interval '2 days', now()
                from (select gen_random_uuid() as p, * from bookings
                      where status in ('CONFIRMED', 'COMPLETED') and pickup_at >= timestamptz '2032-01-01 00:00Z') b
                """).update();
        jdbc.sql("""
                insert into payment_ledger (source_id, kind, payment_id, booking_id, partner_id, vehicle_id,
                    renter_id, amount_minor, currency, occurred_at, recorded_at)
                select gen_random_uuid(), 'REFUND', payment_id, booking_id, partner_id, vehicle_id, renter_id,
                       -amount_minor / 2, currency, occurred_at + interval '40 days', now()
                from payment_ledger
                where kind = 'PAYMENT' and occurred_at >= timestamptz '2031-12-01 00:00Z' and random() < 0.1
                """).update();
        jdbc.sql("analyze bookings").update();
        jdbc.sql("analyze payment_ledger").update();
        assertThat(count("select count(*) from bookings where pickup_at >= timestamptz '2032-01-01 00:00Z'"))
                .isGreaterThanOrEqualTo(BOOKINGS);

        UUID partner = jdbc.sql("select md5(? || ':7')::uuid").param(run).query(UUID.class).single();
        Instant from = Instant.parse("2032-03-01T00:00:00Z");
        Instant to = Instant.parse("2033-03-01T00:00:00Z");

        String ledger = plan(DashboardQueries.PARTNER_LEDGER.formatted(DashboardQueries.MONTH_OF), partner, from, to);
        assertThat(ledger).as(ledger).contains("payment_ledger_partner_idx")
                .containsPattern("Index (Only )?Scan|Bitmap Index Scan")
                .doesNotContain("Seq Scan on payment_ledger");
        for (String sql : new String[] { DashboardQueries.RENTALS_BY_MONTH, DashboardQueries.RENTALS_BY_VEHICLE,
                DashboardQueries.RENTALS_TOTAL }) {
            String rentals = plan(sql, partner, from, to);
            assertThat(rentals).as(rentals).containsPattern("Index (Only )?Scan|Bitmap Index Scan")
                    .contains("bookings_partner").doesNotContain("Seq Scan on bookings");
        }

        // and through the API: the partner's year, computed (cold) then cached (warm)
        String token = party(partner, "PARTNER").token();
        var cold = api.get("/api/partners/me/earnings?from=" + from + "&to=" + to).token(token).send().expect(200).json();
        assertThat(cold.path("currencies").size()).isEqualTo(2);
        assertThat(cold.path("vehicles").size()).isPositive();
        var warm = api.get("/api/partners/me/earnings?from=" + from + "&to=" + to).token(token).send().expect(200).json();
        assertThat(warm).isEqualTo(cold);
    }

    private String plan(String sql, UUID partner, Instant from, Instant to) {
        return String.join("\n", jdbc.sql("explain " + sql).param("partner", partner)
                .param("from", from.atOffset(ZoneOffset.UTC)).param("to", to.atOffset(ZoneOffset.UTC))
                .query(String.class).list());
    }
}
