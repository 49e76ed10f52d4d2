package com.smartlinkauto.booking.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.booking.BookingApi;
import com.smartlinkauto.booking.BookingTestSupport;

import tools.jackson.databind.JsonNode;

/**
 * Partner earnings and the admin revenue against a brute-force computation in Java over random bookings, payments and
 * refunds across months, two currencies (EUR with cents, XAF without), several vehicles and partners, two windows
 * that cut months and bookings in the middle, both groupings; the commission's rounding to the minor unit; the window
 * and parameter checks; who may see what. The seeded money lies in 2029–2031, where no other test writes ledger rows,
 * so the revenue can be compared whole.
 */
class EarningsIT extends BookingTestSupport {

    private static final BigDecimal PERCENT = new BigDecimal("15");

    private BookingApi.Reply earnings(String token, Object partner, Instant from, Instant to, String groupBy) {
        return api.get("/api/partners/" + partner + "/earnings?from=" + from + "&to=" + to + "&groupBy=" + groupBy)
                .token(token).send();
    }

    private BookingApi.Reply revenue(String token, Instant from, Instant to, String groupBy) {
        return api.get("/api/admin/revenue?from=" + from + "&to=" + to + "&groupBy=" + groupBy).token(token).send();
    }

    @Test
    void earningsAndRevenueEqualABruteForceComputationOverRandomBookingsPaymentsAndRefunds() {
        long seedValue = new Random().nextLong();
        Random random = new Random(seedValue);
        Seed seed = new Seed(jdbc);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<UUID> partners = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<UUID> renters = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<String> cities = new ArrayList<>(List.of("Douala-" + run, "Berlin-" + run, "Yaounde-" + run));
        cities.add(null); // a booking from before the city was recorded: "unknown"
        Instant start = Instant.parse("2029-12-01T00:00:00Z");
        Instant end = Instant.parse("2030-11-30T00:00:00Z");
        for (UUID partner : partners) {
            for (int v = 0; v < 3; v++) {
                UUID vehicle = UUID.randomUUID();
                String currency = v == 0 ? "EUR" : v == 1 ? "XAF" : random.nextBoolean() ? "EUR" : "XAF";
                long perDay = currency.equals("EUR") ? 1_000 + random.nextInt(20_000) : 5_000 + random.nextInt(60_000);
                String city = cities.get(random.nextInt(cities.size()));
                Instant pickup = start.plus(Duration.ofMinutes(random.nextInt(10 * 24 * 60)));
                while (pickup.isBefore(end)) {
                    Instant ret = pickup.plus(Duration.ofMinutes(60 + random.nextInt(20 * 24 * 60)));
                    int roll = random.nextInt(100);
                    String status = roll < 35 ? "CONFIRMED" : roll < 60 ? "COMPLETED" : roll < 75 ? "CANCELLED"
                            : roll < 90 ? "EXPIRED" : "HELD";
                    Seed.Booking b = seed.booking(vehicle, renters.get(random.nextInt(renters.size())), partner, status,
                            pickup, ret, currency, perDay, city);
                    Instant paidAt = pickup.minus(Duration.ofMinutes(random.nextInt(20 * 24 * 60)));
                    boolean paid = b.rented() || (status.equals("CANCELLED") && random.nextBoolean())
                            || (status.equals("EXPIRED") && random.nextInt(10) == 0);
                    if (paid) {
                        Seed.Entry payment = seed.payment(b, b.totalMinor(), paidAt);
                        boolean refunded = status.equals("CANCELLED") || status.equals("EXPIRED")
                                || random.nextInt(10) < 3;
                        if (refunded) {
                            long amount = status.equals("EXPIRED") || random.nextBoolean() ? b.totalMinor()
                                    : 1 + random.nextLong(b.totalMinor());
                            seed.refund(payment, amount, paidAt.plus(Duration.ofMinutes(1 + random.nextInt(60 * 24 * 60))));
                        }
                    }
                    pickup = ret.plus(Duration.ofMinutes(random.nextInt(10 * 24 * 60)));
                }
            }
        }
        // the data is not trivial: rentals, payments and refunds in both currencies
        assertThat(seed.bookings.stream().filter(Seed.Booking::rented).map(Seed.Booking::currency).distinct())
                .containsExactlyInAnyOrder("EUR", "XAF");
        assertThat(seed.entries.stream().filter(e -> e.kind().equals("REFUND")).count()).isGreaterThan(10);
        String admin = this.admin;
        List<Instant[]> windows = List.of(
                new Instant[] { Instant.parse("2030-02-10T13:30:00Z"), Instant.parse("2030-09-20T08:15:30Z") },
                new Instant[] { Instant.parse("2029-12-15T00:00:00Z"), Instant.parse("2030-12-01T00:00:00Z") });
        String context = "seed " + seedValue + ", " + seed.bookings.size() + " bookings, " + seed.entries.size()
                + " ledger rows";
        for (Instant[] w : windows) {
            for (UUID partner : partners) {
                String token = party(partner, "PARTNER").token();
                for (String groupBy : List.of("month", "vehicle")) {
                    JsonNode view = earnings(groupBy.equals("month") ? token : admin, partner, w[0], w[1], groupBy)
                            .expect(200).json();
                    assertThat(view.path("groupBy").asString()).isEqualTo(groupBy);
                    assertThat(view.path("commissionPercent").decimalValue()).isEqualByComparingTo(PERCENT);
                    assertThat(view.path("currencies").size()).as(context).isPositive();
                    assertThat(actualEarnings(view)).as(context + ", " + partner + " " + groupBy + " " + w[0] + "–" + w[1])
                            .isEqualTo(expectedEarnings(seed, partner, w[0], w[1], groupBy.equals("vehicle")));
                    assertThat(actualUtilisation(view)).as(context)
                            .isEqualTo(expectedUtilisation(seed, partner, w[0], w[1]));
                }
            }
            for (String groupBy : List.of("day", "month", "partner", "city")) {
                JsonNode view = revenue(admin, w[0], w[1], groupBy).expect(200).json();
                assertThat(actualRevenue(view)).as(context + ", revenue by " + groupBy)
                        .isEqualTo(expectedRevenue(seed, w[0], w[1], groupBy));
            }
        }
    }

    @Test
    void theCommissionIsRoundedHalfUpToTheMinorUnitPerGroupAndOnTheTotals() {
        Seed seed = new Seed(jdbc);
        UUID partner = UUID.randomUUID();
        UUID renter = UUID.randomUUID();
        UUID car = UUID.randomUUID();
        UUID xafCar = UUID.randomUUID();
        Instant pickup = Instant.parse("2031-06-01T10:00:00Z");
        Seed.Booking eur = seed.booking(car, renter, partner, "COMPLETED", pickup, pickup.plus(Duration.ofDays(1)),
                "EUR", 10, null);
        Seed.Booking xaf = seed.booking(xafCar, renter, partner, "COMPLETED", pickup, pickup.plus(Duration.ofDays(1)),
                "XAF", 10, null);
        // 15 % of 10 cents = 1.5 → 2; of 3 cents = 0.45 → 0; of 30 cents = 4.5 → 5; of 10 XAF = 1.5 → 2;
        // a month with only a refund of 10 cents: −1.5 → −2 (the platform's share goes back)
        Seed.Entry january = seed.payment(eur, 10, Instant.parse("2031-01-15T12:00:00Z"));
        seed.payment(eur, 3, Instant.parse("2031-02-15T12:00:00Z"));
        seed.payment(eur, 30, Instant.parse("2031-03-15T12:00:00Z"));
        seed.refund(january, 10, Instant.parse("2031-04-15T12:00:00Z"));
        seed.payment(xaf, 10, Instant.parse("2031-01-20T12:00:00Z"));

        JsonNode view = earnings(party(partner, "PARTNER").token(), "me", Instant.parse("2031-01-01T00:00:00Z"),
                Instant.parse("2031-05-01T00:00:00Z"), "month").expect(200).json();
        Map<String, String> lines = actualEarnings(view);
        assertThat(lines).containsEntry("EUR|2031-01", "gross=10 refunds=0 commission=2 net=8 rentals=0 days=0.00")
                .containsEntry("EUR|2031-02", "gross=3 refunds=0 commission=0 net=3 rentals=0 days=0.00")
                .containsEntry("EUR|2031-03", "gross=30 refunds=0 commission=5 net=25 rentals=0 days=0.00")
                .containsEntry("EUR|2031-04", "gross=0 refunds=10 commission=-2 net=-8 rentals=0 days=0.00")
                // the totals' commission is 15 % of 33 cents = 4.95 → 5, computed on the totals
                .containsEntry("EUR|total", "gross=43 refunds=10 commission=5 net=28 rentals=0 days=0.00")
                .containsEntry("XAF|2031-01", "gross=10 refunds=0 commission=2 net=8 rentals=0 days=0.00")
                .containsEntry("XAF|total", "gross=10 refunds=0 commission=2 net=8 rentals=0 days=0.00");
        JsonNode eurTotals = view.path("currencies").get(0).path("totals");
        assertThat(eurTotals.path("gross").decimalValue()).isEqualByComparingTo("0.43");
        assertThat(eurTotals.path("commission").decimalValue()).isEqualByComparingTo("0.05");
        assertThat(eurTotals.path("net").decimalValue()).isEqualByComparingTo("0.28");
        assertThat(view.path("currencies").get(1).path("totals").path("net").decimalValue()).isEqualByComparingTo("8");
    }

    @Test
    void aPartnerSeesOnlyTheirOwnEarningsAndOnlyAdminsTheRevenue() {
        UUID a = UUID.randomUUID();
        Instant from = Instant.parse("2030-01-01T00:00:00Z");
        Instant to = Instant.parse("2030-02-01T00:00:00Z");
        earnings(party(a, "PARTNER").token(), a, from, to, "month").expect(200);
        earnings(party(a, "PARTNER").token(), "me", from, to, "month").expect(200);
        earnings(admin, a, from, to, "vehicle").expect(200);
        earnings(party("PARTNER").token(), a, from, to, "month").problem(403, "forbidden");
        earnings(renter().token(), a, from, to, "month").problem(403, "forbidden");
        api.get("/api/partners/" + a + "/earnings?from=" + from + "&to=" + to).send().problem(401, "unauthorized");
        revenue(admin, from, to, "month").expect(200);
        revenue(renter().token(), from, to, "month").problem(403, "forbidden");
        revenue(party(a, "PARTNER").token(), from, to, "month").problem(403, "forbidden");
    }

    @Test
    void aWindowMustBeOrderedSaneAndAtMost366DaysAndGroupByKnown() {
        String token = party(UUID.randomUUID(), "PARTNER").token();
        Instant from = Instant.parse("2030-01-01T00:00:00Z");
        earnings(token, "me", from, from, "month").refuses("to");
        earnings(token, "me", from, from.minusSeconds(1), "month").refuses("to");
        earnings(token, "me", from, from.plus(Duration.ofDays(366)).plusSeconds(1), "month").refuses("to");
        earnings(token, "me", from, from.plus(Duration.ofDays(366)), "month").expect(200);
        earnings(token, "me", from, from.plus(Duration.ofDays(1)), "week").refuses("groupBy");
        earnings(token, "me", Instant.parse("2300-01-01T00:00:00Z"), Instant.parse("2300-02-01T00:00:00Z"), "month")
                .expect(400);
        api.get("/api/partners/me/earnings?to=" + from).token(token).send().expect(400);
        api.get("/api/partners/me/earnings?from=yesterday&to=" + from).token(token).send().expect(400);
        api.get("/api/partners/not-an-id/earnings?from=" + from + "&to=" + from.plusSeconds(60)).token(admin).send()
                .refuses("partnerId");
        revenue(admin, from, from.plus(Duration.ofDays(400)), "day").refuses("to");
        revenue(admin, from, from.plus(Duration.ofDays(1)), "country").refuses("groupBy");
        revenue(admin, from, from.plus(Duration.ofDays(1)), "CITY").refuses("groupBy");
    }

    // ---------------------------------------------------------------- brute force

    /** "EUR|2030-03" → "gross=… refunds=… commission=… net=… rentals=… days=…", and "EUR|total". */
    private static Map<String, String> expectedEarnings(Seed seed, UUID partner, Instant from, Instant to,
            boolean byVehicle) {
        Map<String, Map<String, long[]>> groups = new TreeMap<>();
        Map<String, long[]> totals = new TreeMap<>();
        for (Seed.Entry e : seed.entries) {
            Seed.Booking b = e.booking();
            if (!b.partnerId().equals(partner) || e.at().isBefore(from) || !e.at().isBefore(to)) {
                continue;
            }
            String key = byVehicle ? b.vehicleId().toString() : YearMonth.from(e.at().atOffset(ZoneOffset.UTC)).toString();
            long[] line = groups.computeIfAbsent(b.currency(), c -> new TreeMap<>()).computeIfAbsent(key, k -> new long[4]);
            long[] total = totals.computeIfAbsent(b.currency(), c -> new long[4]);
            int slot = e.kind().equals("PAYMENT") ? 0 : 1;
            line[slot] += Math.abs(e.signedMinor());
            total[slot] += Math.abs(e.signedMinor());
        }
        for (Seed.Booking b : seed.bookings) {
            if (!b.partnerId().equals(partner) || !b.rented()) {
                continue;
            }
            long inWindow = overlap(b, from, to);
            if (inWindow < 0) {
                continue;
            }
            long[] total = totals.computeIfAbsent(b.currency(), c -> new long[4]);
            total[2]++;
            total[3] += inWindow;
            if (byVehicle) {
                long[] line = groups.computeIfAbsent(b.currency(), c -> new TreeMap<>())
                        .computeIfAbsent(b.vehicleId().toString(), k -> new long[4]);
                line[2]++;
                line[3] += inWindow;
                continue;
            }
            for (YearMonth month : months(from, to)) {
                Instant monthStart = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
                Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
                long inMonth = overlap(b, max(from, monthStart), min(to, monthEnd));
                if (inMonth >= 0) {
                    long[] line = groups.computeIfAbsent(b.currency(), c -> new TreeMap<>())
                            .computeIfAbsent(month.toString(), k -> new long[4]);
                    line[2]++;
                    line[3] += inMonth;
                }
            }
        }
        Map<String, String> expected = new TreeMap<>();
        for (String currency : totals.keySet()) {
            Map<String, long[]> lines = groups.computeIfAbsent(currency, c -> new TreeMap<>());
            if (!byVehicle) {
                months(from, to).forEach(m -> lines.computeIfAbsent(m.toString(), k -> new long[4]));
            }
            lines.forEach((key, l) -> expected.put(currency + "|" + key, line(l)));
            expected.put(currency + "|total", line(totals.get(currency)));
        }
        return expected;
    }

    /** Seconds of the booking's rental inside [from, to), floored; −1 when it does not overlap. */
    private static long overlap(Seed.Booking b, Instant from, Instant to) {
        Instant start = max(b.pickupAt(), from);
        Instant end = min(b.returnAt(), to);
        return start.isBefore(end) ? Duration.between(start, end).getSeconds() : -1;
    }

    private static String line(long[] l) {
        long commission = commission(l[0] - l[1]);
        return "gross=" + l[0] + " refunds=" + l[1] + " commission=" + commission + " net=" + (l[0] - l[1] - commission)
                + " rentals=" + l[2] + " days=" + BigDecimal.valueOf(l[3]).divide(BigDecimal.valueOf(86_400), 2,
                        RoundingMode.HALF_UP).toPlainString();
    }

    /** 15 % in integers, a half away from zero. */
    private static long commission(long netMinor) {
        long hundredths = netMinor * 15;
        return Long.signum(hundredths) * ((Math.abs(hundredths) + 50) / 100);
    }

    private static Map<String, String> expectedUtilisation(Seed seed, UUID partner, Instant from, Instant to) {
        Map<String, long[]> vehicles = new TreeMap<>();
        for (Seed.Booking b : seed.bookings) {
            long seconds = overlap(b, from, to);
            if (b.partnerId().equals(partner) && b.rented() && seconds >= 0) {
                long[] v = vehicles.computeIfAbsent(b.vehicleId().toString(), k -> new long[2]);
                v[0]++;
                v[1] += seconds;
            }
        }
        long window = Duration.between(from, to).getSeconds();
        Map<String, String> expected = new TreeMap<>();
        vehicles.forEach((id, v) -> expected.put(id, "rentals=" + v[0] + " days="
                + BigDecimal.valueOf(v[1]).divide(BigDecimal.valueOf(86_400), 2, RoundingMode.HALF_UP).toPlainString()
                + " utilisation=" + BigDecimal.valueOf(v[1]).divide(BigDecimal.valueOf(window), 4, RoundingMode.HALF_UP)
                        .toPlainString()));
        return expected;
    }

    private static Map<String, String> expectedRevenue(Seed seed, Instant from, Instant to, String groupBy) {
        Map<String, long[]> lines = new TreeMap<>();
        Map<String, long[]> totals = new TreeMap<>();
        for (Seed.Entry e : seed.entries) {
            if (e.at().isBefore(from) || !e.at().isBefore(to)) {
                continue;
            }
            Seed.Booking b = e.booking();
            String key = switch (groupBy) {
                case "day" -> e.at().atOffset(ZoneOffset.UTC).toLocalDate().toString();
                case "month" -> YearMonth.from(e.at().atOffset(ZoneOffset.UTC)).toString();
                case "partner" -> b.partnerId().toString();
                default -> b.city() == null ? "unknown" : b.city();
            };
            boolean payment = e.kind().equals("PAYMENT");
            for (long[] l : List.of(lines.computeIfAbsent(b.currency() + "|" + key, k -> new long[4]),
                    totals.computeIfAbsent(b.currency(), k -> new long[4]))) {
                l[payment ? 0 : 1] += Math.abs(e.signedMinor());
                l[payment ? 2 : 3]++;
            }
        }
        Map<String, String> expected = new TreeMap<>();
        lines.forEach((key, l) -> expected.put(key, revenueLine(l)));
        totals.forEach((currency, l) -> expected.put(currency + "|total", revenueLine(l)));
        return expected;
    }

    private static String revenueLine(long[] l) {
        long commission = commission(l[0] - l[1]);
        return "gross=" + l[0] + " refunds=" + l[1] + " commission=" + commission + " net=" + (l[0] - l[1] - commission)
                + " payments=" + l[2] + " refundCount=" + l[3];
    }

    // ---------------------------------------------------------------- the answers, in the same shape

    private static Map<String, String> actualEarnings(JsonNode view) {
        Map<String, String> actual = new TreeMap<>();
        for (JsonNode c : view.path("currencies")) {
            String currency = c.path("currency").asString();
            for (JsonNode g : c.path("groups")) {
                actual.put(currency + "|" + g.path("key").asString(), earningsLine(g, currency));
            }
            actual.put(currency + "|total", earningsLine(c.path("totals"), currency));
        }
        return actual;
    }

    private static String earningsLine(JsonNode n, String currency) {
        return "gross=" + minor(n.path("gross"), currency) + " refunds=" + minor(n.path("refunds"), currency)
                + " commission=" + minor(n.path("commission"), currency) + " net=" + minor(n.path("net"), currency)
                + " rentals=" + n.path("rentals").asLong() + " days=" + n.path("rentedDays").decimalValue()
                        .setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    private static Map<String, String> actualUtilisation(JsonNode view) {
        Map<String, String> actual = new TreeMap<>();
        for (JsonNode v : view.path("vehicles")) {
            actual.put(v.path("vehicleId").asString(), "rentals=" + v.path("rentals").asLong() + " days="
                    + v.path("rentedDays").decimalValue().setScale(2, RoundingMode.UNNECESSARY).toPlainString()
                    + " utilisation=" + v.path("utilisation").decimalValue().setScale(4, RoundingMode.UNNECESSARY)
                            .toPlainString());
        }
        return actual;
    }

    private static Map<String, String> actualRevenue(JsonNode view) {
        Map<String, String> actual = new TreeMap<>();
        for (JsonNode c : view.path("currencies")) {
            String currency = c.path("currency").asString();
            for (JsonNode g : c.path("groups")) {
                actual.put(currency + "|" + g.path("key").asString(), revenueLine(g, currency));
            }
            actual.put(currency + "|total", revenueLine(c.path("totals"), currency));
        }
        return actual;
    }

    private static String revenueLine(JsonNode n, String currency) {
        return "gross=" + minor(n.path("gross"), currency) + " refunds=" + minor(n.path("refunds"), currency)
                + " commission=" + minor(n.path("commission"), currency) + " net=" + minor(n.path("net"), currency)
                + " payments=" + n.path("payments").asLong() + " refundCount=" + n.path("refundCount").asLong();
    }

    /** A major-unit amount as minor units; more decimals than the currency has fail the test. */
    private static long minor(JsonNode amount, String currency) {
        return amount.decimalValue().movePointRight(Currency.getInstance(currency).getDefaultFractionDigits())
                .setScale(0, RoundingMode.UNNECESSARY).longValueExact();
    }

    private static List<YearMonth> months(Instant from, Instant to) {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = YearMonth.from(from.atOffset(ZoneOffset.UTC));
                m.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).isBefore(to); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
