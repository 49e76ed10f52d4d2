package com.smartlinkauto.booking.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.smartlinkauto.booking.BookingApi;
import com.smartlinkauto.booking.BookingTestSupport;
import com.smartlinkauto.booking.cache.CacheNamespaces;
import com.smartlinkauto.booking.cache.DashboardCache;
import com.smartlinkauto.testsupport.security.TestTokens;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /internal/overview}, user-service's part of the admin overview: the bookings by status created today
 * and this month and the revenue of this month and the last one, against a brute-force count in Java over random
 * bookings and ledger rows across two months and two currencies (EUR with cents, XAF without), boundaries included;
 * the contract's exact shape; the cache (a counted hit, a booking change makes it stale); who may read it (only
 * user-service's service token); and the plan of its bookings query (an index, never a scan of the table).
 */
class OverviewIT extends BookingTestSupport {

    private static final List<String> STATUSES = List.of("HELD", "CONFIRMED", "CANCELLED", "EXPIRED", "COMPLETED");

    /** user-service's service token for this service, as its token issuer mints it. */
    private final String userService = TestTokens.service("user-service", "booking-service");

    @Autowired
    Dashboards dashboards;

    @Autowired
    DashboardCache cache;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JsonMapper json;

    private BookingApi.Reply overview(String token) {
        BookingApi.Call call = api.get("/internal/overview");
        return (token == null ? call : call.token(token)).send();
    }

    /**
     * At a moment of March 2037, where no other test writes: every figure equals the brute force over exactly the
     * rows seeded here, including the rows on the boundaries (the first microsecond of the day and of the month
     * count, the last one before does not).
     */
    @Test
    void theFiguresEqualABruteForceOverRandomBookingsAndLedgerRowsOfTwoMonths() {
        long seedValue = new Random().nextLong();
        Random random = new Random(seedValue);
        Instant now = Instant.parse("2037-03-01T00:00:00Z").plus(Duration.ofSeconds(random.nextLong(31L * 86_400)))
                .plusNanos(random.nextInt(1_000_000) * 1_000L);
        Span today = day(now);
        Span month = month(now, 0);
        Span lastMonth = month(now, -1);
        Seed seed = new Seed(jdbc);
        List<UUID> partners = List.of(UUID.randomUUID(), UUID.randomUUID());
        Instant spanFrom = lastMonth.from().minus(Duration.ofDays(3));
        Instant spanTo = month.to().plus(Duration.ofDays(3));
        List<Instant> boundaries = List.of(today.from(), today.from().minus(1, ChronoUnit.MICROS), today.to(),
                today.to().minus(1, ChronoUnit.MICROS), month.from(), month.from().minus(1, ChronoUnit.MICROS),
                month.to(), month.to().minus(1, ChronoUnit.MICROS), lastMonth.from(),
                lastMonth.from().minus(1, ChronoUnit.MICROS), now);
        for (int i = 0; i < 400; i++) {
            Instant created = i < boundaries.size() ? boundaries.get(i)
                    : i % 3 == 0 ? between(random, today.from(), today.to())
                    : between(random, spanFrom, spanTo);
            String status = STATUSES.get(random.nextInt(STATUSES.size()));
            String currency = random.nextBoolean() ? "EUR" : "XAF";
            long perDay = currency.equals("EUR") ? 1 + random.nextInt(30_000) : 1 + random.nextInt(90_000);
            Instant pickup = created.plus(Duration.ofHours(1 + random.nextInt(24 * 30)));
            // a vehicle per booking: the exclusion constraint has nothing to refuse
            Seed.Booking b = seed.booking(UUID.randomUUID(), UUID.randomUUID(),
                    partners.get(random.nextInt(partners.size())), status, pickup,
                    pickup.plus(Duration.ofHours(1 + random.nextInt(24 * 10))), currency, perDay, null, created);
            if (random.nextInt(3) > 0) {
                Instant paidAt = i < boundaries.size() ? boundaries.get(i) : between(random, spanFrom, spanTo);
                Seed.Entry payment = seed.payment(b, 1 + random.nextLong(b.totalMinor()), paidAt);
                if (random.nextInt(3) == 0) {
                    seed.refund(payment, 1 + random.nextLong(Math.abs(payment.signedMinor())),
                            between(random, paidAt, spanTo));
                }
            }
        }
        String context = "seed " + seedValue + " at " + now;
        assertThat(seed.entries.stream().filter(e -> e.kind().equals("REFUND")).count()).as(context).isPositive();

        OverviewView view = dashboards.computeOverview(now);

        assertThat(view.asOf()).isEqualTo(now);
        assertThat(view.zone()).isEqualTo("UTC");
        assertThat(view.bookingsToday()).as(context).containsExactlyEntriesOf(countCreated(seed.bookings, today));
        assertThat(view.bookingsThisMonth()).as(context).containsExactlyEntriesOf(countCreated(seed.bookings, month));
        assertThat(view.revenueThisMonth().from()).isEqualTo(month.from());
        assertThat(view.revenueThisMonth().to()).isEqualTo(month.to());
        assertThat(view.revenueLastMonth().from()).isEqualTo(lastMonth.from());
        assertThat(view.revenueLastMonth().to()).isEqualTo(lastMonth.to());
        assertThat(lines(view.revenueThisMonth())).as(context).isEqualTo(revenue(seed.entries, month));
        assertThat(lines(view.revenueLastMonth())).as(context).isEqualTo(revenue(seed.entries, lastMonth));
        assertThat(revenue(seed.entries, month)).as(context).containsKeys("EUR", "XAF");
        // the same totals as the admin revenue for the same window
        RevenueView admin = json.readValue(dashboards.revenue(Window.of(month.from(), month.to()),
                DashboardQueries.RevenueGroup.DAY), RevenueView.class);
        assertThat(admin.currencies()).extracting(RevenueView.CurrencyRevenue::currency)
                .containsExactlyElementsOf(view.revenueThisMonth().currencies().stream()
                        .map(OverviewView.CurrencyRevenue::currency).toList());
        for (int i = 0; i < admin.currencies().size(); i++) {
            RevenueView.Figures totals = admin.currencies().get(i).totals();
            OverviewView.CurrencyRevenue line = view.revenueThisMonth().currencies().get(i);
            assertThat(line.gross()).isEqualTo(totals.gross());
            assertThat(line.refunds()).isEqualTo(totals.refunds());
            assertThat(line.commission()).isEqualTo(totals.commission());
            assertThat(line.net()).isEqualTo(totals.net());
        }
    }

    /**
     * Through HTTP with user-service's token, at the real now: random bookings created today, this month and last
     * month (their pickups ahead, so the sweeper leaves them as they are) and ledger rows of both months; the answer
     * equals the brute force over every row of the tables (other tests' included), recounted until no concurrent
     * change (the sweeper, a late event of another test) falls between the two.
     */
    @Test
    void theEndpointAnswersTodayThisMonthAndLastMonthAsABruteForceCountsThem() {
        long seedValue = new Random().nextLong();
        Random random = new Random(seedValue);
        Instant now = Instant.now();
        Span today = day(now);
        Span month = month(now, 0);
        Span lastMonth = month(now, -1);
        Seed seed = new Seed(jdbc);
        UUID partner = UUID.randomUUID();
        for (int i = 0; i < 120; i++) {
            Instant created = switch (i % 3) {
                case 0 -> between(random, today.from(), now);
                case 1 -> between(random, month.from(), now);
                default -> between(random, lastMonth.from(), month.from());
            };
            String status = STATUSES.get(random.nextInt(STATUSES.size()));
            String currency = i % 2 == 0 ? "EUR" : "XAF";
            Instant pickup = now.plus(Duration.ofDays(400 + random.nextInt(300))).truncatedTo(ChronoUnit.MINUTES);
            Seed.Booking b = seed.booking(UUID.randomUUID(), UUID.randomUUID(), partner, status, pickup,
                    pickup.plus(Duration.ofDays(1 + random.nextInt(5))), currency, 100 + random.nextInt(50_000), null,
                    created);
            if (random.nextBoolean()) {
                Instant paidAt = between(random, i % 2 == 0 ? lastMonth.from() : month.from(), now);
                Seed.Entry payment = seed.payment(b, b.totalMinor(), paidAt);
                if (random.nextInt(4) == 0) {
                    seed.refund(payment, 1 + random.nextLong(b.totalMinor()), between(random, paidAt, now));
                }
            }
        }
        // the rows went in by SQL, past the events that would have bumped the entry
        cache.invalidate(List.of(CacheNamespaces.BOOKING_COUNTS, CacheNamespaces.REVENUE));
        String context = "seed " + seedValue;

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode answer = overview(userService).expect(200).json();
            Instant asOf = Instant.parse(answer.path("asOf").asString());
            Map<String, Object> expected = bruteForceOfTheTables(asOf);
            assertThat(actual(answer)).as(context).isEqualTo(expected);
        });

        JsonNode answer = overview(userService).expect(200).json();
        assertThat(answer.propertyNames()).containsExactly("asOf", "zone", "bookingsToday", "bookingsThisMonth",
                "revenueThisMonth", "revenueLastMonth");
        assertThat(answer.path("zone").asString()).isEqualTo("UTC");
        assertThat(Instant.parse(answer.path("asOf").asString())).isBetween(now.minusSeconds(1),
                Instant.now().plusSeconds(1));
        assertThat(answer.path("bookingsToday").propertyNames()).containsExactlyElementsOf(STATUSES);
        assertThat(answer.path("bookingsThisMonth").propertyNames()).containsExactlyElementsOf(STATUSES);
        JsonNode thisMonth = answer.path("revenueThisMonth");
        assertThat(thisMonth.propertyNames()).containsExactly("from", "to", "currencies");
        assertThat(Instant.parse(thisMonth.path("from").asString())).isEqualTo(month.from());
        assertThat(Instant.parse(thisMonth.path("to").asString())).isEqualTo(month.to());
        assertThat(Instant.parse(answer.path("revenueLastMonth").path("from").asString())).isEqualTo(lastMonth.from());
        assertThat(Instant.parse(answer.path("revenueLastMonth").path("to").asString())).isEqualTo(month.from());
        JsonNode currency = thisMonth.path("currencies").get(0);
        assertThat(currency.propertyNames()).containsExactly("currency", "gross", "refunds", "commission", "net",
                "payments", "refundCount");
        for (String money : List.of("gross", "refunds", "commission", "net")) {
            assertThat(currency.path(money).isNumber()).as(money).isTrue();
        }
        for (JsonNode c : thisMonth.path("currencies")) {
            if (c.path("currency").asString().equals("XAF")) {
                assertThat(c.path("gross").isIntegralNumber()).as("XAF has no minor unit: " + c).isTrue();
            }
        }
    }

    /** A second read is a counted hit; a hold (a booking change) makes the entry stale and the next read counts it. */
    @Test
    void aSecondReadIsAHitAndABookingChangeMakesItStale() {
        overview(userService).expect(200);
        // retried only should a concurrent change (the sweeper expiring another test's hold) fall in between
        JsonNode cached = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            double hits = lookups("hit");
            JsonNode first = overview(userService).expect(200).json();
            JsonNode second = overview(userService).expect(200).json();
            return lookups("hit") == hits + 2 && first.equals(second) ? second : null;
        }, answer -> answer != null);

        String version = cache.version(CacheNamespaces.BOOKING_COUNTS);
        double misses = lookups("miss");
        held(renter(), vehicles.bookable().id(), minuteIn(Duration.ofDays(90)), minuteIn(Duration.ofDays(91)));
        assertThat(cache.version(CacheNamespaces.BOOKING_COUNTS)).isNotEqualTo(version);
        JsonNode fresh = overview(userService).expect(200).json();
        assertThat(lookups("miss")).isEqualTo(misses + 1);
        assertThat(Instant.parse(fresh.path("asOf").asString()))
                .isAfter(Instant.parse(cached.path("asOf").asString()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode answer = overview(userService).expect(200).json();
            assertThat(actual(answer)).isEqualTo(bruteForceOfTheTables(Instant.parse(answer.path("asOf").asString())));
        });
    }

    @Test
    void onlyUserServiceReadsTheOverview() {
        overview(null).problem(401, "unauthorized");
        overview(renter().token()).problem(401, "unauthorized");
        overview(admin).problem(401, "unauthorized");
        overview(party("PARTNER").token()).problem(401, "unauthorized");
        // user-service's token for another service, another service's token for this one
        overview(TestTokens.service("user-service", "vehicle-service")).problem(401, "unauthorized");
        overview(TestTokens.service("user-service", List.of("booking-service"), "openid", Duration.ofMinutes(5)))
                .problem(401, "unauthorized");
        overview(TestTokens.service("user-service", List.of("booking-service"), "internal", Duration.ofMinutes(-5)))
                .problem(401, "unauthorized");
        overview(paymentService).problem(403, "forbidden");
        overview(TestTokens.service("vehicle-service", "booking-service")).problem(403, "forbidden");
        // and user-service's token opens nothing else here
        api.get("/internal/bookings/" + UUID.randomUUID()).token(userService).send().problem(403, "forbidden");
        assertThat(api.post("/api/bookings").token(userService).header("Idempotency-Key", UUID.randomUUID().toString())
                .json(Map.of()).send().status()).isIn(401, 403);
        overview(userService).expect(200);
    }

    /** Over 20,000 bookings of other months, the month's count per status reads an index, never the whole table. */
    @Test
    void theBookingsQueryReadsAnIndex() {
        jdbc.sql("""
                insert into bookings (id, vehicle_id, renter_id, partner_id, status, pickup_at, return_at,
                    turnaround_minutes, blocked_until, days, price_per_day_minor, subtotal_minor, service_fee_minor,
                    total_minor, currency, hold_expires_at, sequence, created_at, updated_at)
                select gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), gen_random_uuid(),
                       (array['CONFIRMED', 'COMPLETED', 'CANCELLED', 'EXPIRED', 'COMPLETED'])[g % 5 + 1],
                       timestamptz '2036-01-10 00:00Z' + (g % 300) * interval '1 day',
                       timestamptz '2036-01-12 00:00Z' + (g % 300) * interval '1 day',
                       0, timestamptz '2036-01-12 00:00Z' + (g % 300) * interval '1 day',
                       2, 5000, 10000, 0, 10000, 'EUR', null, 2,
                       timestamptz '2036-01-01 00:00Z' + (g % 300) * interval '1 day', now()
                from generate_series(1, 20000) as g
                """).update();
        jdbc.sql("analyze bookings").update();
        Instant day = Instant.parse("2036-06-15T00:00:00Z");
        String plan = String.join("\n", jdbc.sql("explain " + DashboardQueries.BOOKINGS_BY_STATUS)
                .param("dayFrom", day.atOffset(ZoneOffset.UTC))
                .param("dayTo", day.plus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC))
                .param("monthFrom", Instant.parse("2036-06-01T00:00:00Z").atOffset(ZoneOffset.UTC))
                .param("monthTo", Instant.parse("2036-07-01T00:00:00Z").atOffset(ZoneOffset.UTC))
                .query(String.class).list());
        assertThat(plan).as(plan).contains("bookings_created_status_idx")
                .containsPattern("Index (Only )?Scan|Bitmap Index Scan").doesNotContain("Seq Scan on bookings");
    }

    // ---------------------------------------------------------------- brute force

    private record Span(Instant from, Instant to) {

        boolean contains(Instant at) {
            return !at.isBefore(from) && at.isBefore(to);
        }
    }

    private static Span day(Instant now) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return new Span(day.atStartOfDay(ZoneOffset.UTC).toInstant(),
                day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** The UTC calendar month {@code offset} months from the one of {@code now}. */
    private static Span month(Instant now, int offset) {
        YearMonth month = YearMonth.from(now.atOffset(ZoneOffset.UTC)).plusMonths(offset);
        return new Span(month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** A random instant in [from, to), to the microsecond (what PostgreSQL keeps). */
    private static Instant between(Random random, Instant from, Instant to) {
        long micros = ChronoUnit.MICROS.between(from, to);
        return micros <= 0 ? from : from.plus(random.nextLong(micros), ChronoUnit.MICROS);
    }

    private static Map<String, Long> countCreated(List<Seed.Booking> bookings, Span window) {
        Map<String, Long> counts = new LinkedHashMap<>();
        STATUSES.forEach(s -> counts.put(s, 0L));
        for (Seed.Booking b : bookings) {
            if (window.contains(b.createdAt())) {
                counts.merge(b.status(), 1L, Long::sum);
            }
        }
        return counts;
    }

    /** currency → "gross=… refunds=… commission=… net=… payments=… refundCount=…", in minor units. */
    private static Map<String, String> revenue(List<Seed.Entry> entries, Span window) {
        Map<String, long[]> totals = new TreeMap<>();
        for (Seed.Entry e : entries) {
            if (window.contains(e.at())) {
                add(totals, e.booking().currency(), e.kind(), e.signedMinor());
            }
        }
        Map<String, String> lines = new TreeMap<>();
        totals.forEach((currency, t) -> lines.put(currency, line(t)));
        return lines;
    }

    private static void add(Map<String, long[]> totals, String currency, String kind, long signedMinor) {
        long[] t = totals.computeIfAbsent(currency, c -> new long[4]);
        boolean payment = kind.equals("PAYMENT");
        t[payment ? 0 : 1] += Math.abs(signedMinor);
        t[payment ? 2 : 3]++;
    }

    private static String line(long[] t) {
        long net = t[0] - t[1];
        // 15 % in integers, a half away from zero
        long commission = Long.signum(net * 15) * ((Math.abs(net * 15) + 50) / 100);
        return "gross=" + t[0] + " refunds=" + t[1] + " commission=" + commission + " net=" + (net - commission)
                + " payments=" + t[2] + " refundCount=" + t[3];
    }

    private static Map<String, String> lines(OverviewView.MonthRevenue revenue) {
        Map<String, String> lines = new TreeMap<>();
        for (OverviewView.CurrencyRevenue c : revenue.currencies()) {
            int digits = Currency.getInstance(c.currency()).getDefaultFractionDigits();
            lines.put(c.currency(), "gross=" + minor(c.gross(), digits) + " refunds=" + minor(c.refunds(), digits)
                    + " commission=" + minor(c.commission(), digits) + " net=" + minor(c.net(), digits)
                    + " payments=" + c.payments() + " refundCount=" + c.refundCount());
        }
        return lines;
    }

    private static long minor(java.math.BigDecimal amount, int digits) {
        return amount.movePointRight(digits).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
    }

    /**
     * The expected answer from every row of the tables in the windows of {@code asOf}: rows read one by one, counted
     * and summed here (not by the database).
     */
    private Map<String, Object> bruteForceOfTheTables(Instant asOf) {
        Span today = day(asOf);
        Span month = month(asOf, 0);
        Span lastMonth = month(asOf, -1);
        Map<String, Long> bookingsToday = new LinkedHashMap<>();
        Map<String, Long> bookingsThisMonth = new LinkedHashMap<>();
        STATUSES.forEach(s -> {
            bookingsToday.put(s, 0L);
            bookingsThisMonth.put(s, 0L);
        });
        jdbc.sql("select status, created_at from bookings").query(rs -> {
            Instant created = rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant();
            String status = rs.getString("status");
            if (today.contains(created)) {
                bookingsToday.merge(status, 1L, Long::sum);
            }
            if (month.contains(created)) {
                bookingsThisMonth.merge(status, 1L, Long::sum);
            }
        });
        Map<String, long[]> thisMonth = new TreeMap<>();
        Map<String, long[]> previous = new TreeMap<>();
        jdbc.sql("select kind, amount_minor, currency, occurred_at from payment_ledger").query(rs -> {
            Instant at = rs.getObject("occurred_at", java.time.OffsetDateTime.class).toInstant();
            String currency = rs.getString("currency").trim();
            if (month.contains(at)) {
                add(thisMonth, currency, rs.getString("kind"), rs.getLong("amount_minor"));
            }
            else if (lastMonth.contains(at)) {
                add(previous, currency, rs.getString("kind"), rs.getLong("amount_minor"));
            }
        });
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("bookingsToday", bookingsToday);
        expected.put("bookingsThisMonth", bookingsThisMonth);
        Map<String, String> thisMonthLines = new TreeMap<>();
        thisMonth.forEach((c, t) -> thisMonthLines.put(c, line(t)));
        Map<String, String> lastMonthLines = new TreeMap<>();
        previous.forEach((c, t) -> lastMonthLines.put(c, line(t)));
        expected.put("revenueThisMonth", thisMonthLines);
        expected.put("revenueLastMonth", lastMonthLines);
        return expected;
    }

    /** The answer in the shape of {@link #bruteForceOfTheTables}. */
    private static Map<String, Object> actual(JsonNode answer) {
        Map<String, Object> actual = new LinkedHashMap<>();
        for (String counts : List.of("bookingsToday", "bookingsThisMonth")) {
            Map<String, Long> byStatus = new LinkedHashMap<>();
            answer.path(counts).properties().forEach(e -> byStatus.put(e.getKey(), e.getValue().asLong()));
            actual.put(counts, byStatus);
        }
        for (String revenue : List.of("revenueThisMonth", "revenueLastMonth")) {
            Map<String, String> lines = new TreeMap<>();
            for (JsonNode c : answer.path(revenue).path("currencies")) {
                String currency = c.path("currency").asString();
                int digits = Currency.getInstance(currency).getDefaultFractionDigits();
                lines.put(currency, "gross=" + minor(c.path("gross").decimalValue(), digits) + " refunds="
                        + minor(c.path("refunds").decimalValue(), digits) + " commission="
                        + minor(c.path("commission").decimalValue(), digits) + " net="
                        + minor(c.path("net").decimalValue(), digits) + " payments=" + c.path("payments").asLong()
                        + " refundCount=" + c.path("refundCount").asLong());
            }
            actual.put(revenue, lines);
        }
        return actual;
    }

    private double lookups(String result) {
        return meters.get("smartlink.cache.requests").tag("cache", "overview").tag("result", result).counter().count();
    }
}
