package com.smartlinkauto.booking.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.smartlinkauto.booking.BookingApi;
import com.smartlinkauto.booking.BookingTestSupport;
import com.smartlinkauto.booking.VehicleServiceStub;
import com.smartlinkauto.booking.cache.CacheNamespaces;
import com.smartlinkauto.booking.cache.DashboardCache;
import com.smartlinkauto.booking.dashboard.Seed;
import com.smartlinkauto.booking.shared.Money;
import com.smartlinkauto.testsupport.security.TestTokens;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/partners/{partnerId|me}/fleet} with the real PostgreSQL and Redis and vehicle-service's internal API
 * over HTTP (the stub): every page against a brute-force computation in Java over random bookings of every status
 * whose times lie around now (rentals under way, ahead, finished; holds pending and lapsed; a vehicle with more holds
 * than are listed; another partner's bookings); the cache (a counted hit, a hold of partner A makes A's status stale
 * and not B's, a rental starting with no event is not served stale); vehicle-service down; who may see it; bad input;
 * the plan of its queries on 100,000 bookings.
 */
class FleetIT extends BookingTestSupport {

    private static final List<String> STATUSES = List.of("HELD", "CONFIRMED", "CANCELLED", "EXPIRED", "COMPLETED");

    @Autowired
    DashboardCache cache;

    @Autowired
    MeterRegistry meters;

    private BookingApi.Reply fleet(String token, Object partner, String query) {
        return api.get("/api/partners/" + partner + "/fleet" + (query.isEmpty() ? "" : "?" + query)).token(token)
                .send();
    }

    /** A vehicle of the partner, known to vehicle-service (the stub): listed after the ones before. */
    private static VehicleServiceStub.Vehicle vehicleOf(UUID partner, String currency) {
        return vehicles.put(new VehicleServiceStub.Vehicle(UUID.randomUUID(), partner, "ACTIVE", true,
                currency.equals("EUR") ? new BigDecimal("39.90") : new BigDecimal("25000"), currency, 0, List.of()));
    }

    @Test
    void everyPageEqualsABruteForceOverRandomBookingsAroundNow() {
        long seedValue = new Random().nextLong();
        Random random = new Random(seedValue);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Seed seed = new Seed(jdbc);
        UUID partner = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        List<VehicleServiceStub.Vehicle> fleet = new ArrayList<>();
        for (int v = 0; v < 8; v++) {
            VehicleServiceStub.Vehicle vehicle = vehicleOf(partner, v % 2 == 0 ? "EUR" : "XAF");
            if (v == 5) {
                vehicle = vehicles.put(vehicle.notBookable("PENDING_REVIEW"));
            }
            fleet.add(vehicle);
            if (v == 7) {
                continue; // a vehicle without any booking: listed all the same
            }
            // back-to-back or apart, never overlapping: HELD and CONFIRMED ones must pass the exclusion constraint
            Instant cursor = now.minus(Duration.ofDays(10)).plus(Duration.ofMinutes(random.nextInt(600)));
            while (cursor.isBefore(now.plus(Duration.ofDays(30)))) {
                Instant pickup = cursor.plus(Duration.ofMinutes(random.nextInt(3 * 24 * 60)));
                Instant ret = pickup.plus(Duration.ofMinutes(60 + random.nextInt(4 * 24 * 60)));
                String status = STATUSES.get(random.nextInt(STATUSES.size()));
                if (status.equals("CONFIRMED") && !ret.isAfter(now)) {
                    status = "COMPLETED"; // as the sweeper leaves a finished rental
                }
                Instant holdExpiresAt = now.plus(Duration.ofSeconds(random.nextInt(5400) - 1800));
                seed.booking(vehicle.id(), UUID.randomUUID(), partner, status, pickup, ret, vehicle.currency(),
                        vehicle.currency().equals("EUR") ? 3990 : 25000, null, pickup.minus(Duration.ofDays(2)),
                        holdExpiresAt);
                cursor = ret;
            }
        }
        // certainly one rental under way, one ahead and one pending hold, whatever the dice said
        VehicleServiceStub.Vehicle sure = vehicleOf(partner, "EUR");
        fleet.add(sure);
        seed.booking(sure.id(), UUID.randomUUID(), partner, "CONFIRMED", now.minus(Duration.ofHours(5)),
                now.plus(Duration.ofHours(7)), "EUR", 3990, null, now.minus(Duration.ofDays(3)));
        seed.booking(sure.id(), UUID.randomUUID(), partner, "CONFIRMED", now.plus(Duration.ofDays(2)),
                now.plus(Duration.ofDays(3)), "EUR", 3990, null, now.minus(Duration.ofDays(1)));
        seed.booking(sure.id(), UUID.randomUUID(), partner, "HELD", now.plus(Duration.ofDays(4)),
                now.plus(Duration.ofDays(5)), "EUR", 3990, null, now, now.plus(Duration.ofMinutes(8)));
        // a vehicle with more pending holds than are listed
        VehicleServiceStub.Vehicle popular = vehicleOf(partner, "XAF");
        fleet.add(popular);
        for (int h = 0; h < FleetStatus.HOLDS_PER_VEHICLE + 3; h++) {
            Instant pickup = now.plus(Duration.ofDays(1)).plus(Duration.ofHours(2L * h));
            seed.booking(popular.id(), UUID.randomUUID(), partner, "HELD", pickup, pickup.plus(Duration.ofHours(1)),
                    "XAF", 25000, null, now, now.plus(Duration.ofMinutes(1 + random.nextInt(20))));
        }
        // another partner's vehicle and bookings: never in this partner's status
        VehicleServiceStub.Vehicle theirs = vehicleOf(other, "EUR");
        seed.booking(theirs.id(), UUID.randomUUID(), other, "CONFIRMED", now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofHours(1)), "EUR", 3990, null, now.minus(Duration.ofDays(1)));
        seed.booking(theirs.id(), UUID.randomUUID(), other, "HELD", now.plus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(2)), "EUR", 3990, null, now, now.plus(Duration.ofMinutes(5)));

        String token = party(partner, "PARTNER").token();
        String context = "seed " + seedValue + ", " + seed.bookings.size() + " bookings";
        List<VehicleServiceStub.Vehicle> newestFirst = new ArrayList<>(fleet);
        java.util.Collections.reverse(newestFirst);
        int size = 3;
        int pages = (newestFirst.size() + size - 1) / size;
        List<String> listed = new ArrayList<>();
        for (int page = 0; page < pages; page++) {
            JsonNode view = fleet(page % 2 == 0 ? token : admin, page % 2 == 0 ? "me" : partner,
                    "page=" + page + "&size=" + size).expect(200).json();
            Instant asOf = Instant.parse(view.path("asOf").asString());
            assertThat(asOf).isBetween(now, Instant.now());
            assertThat(view.path("partnerId").asString()).isEqualTo(partner.toString());
            assertThat(view.path("page").asInt()).isEqualTo(page);
            assertThat(view.path("size").asInt()).isEqualTo(size);
            assertThat(view.path("totalElements").asLong()).isEqualTo(fleet.size());
            assertThat(view.path("totalPages").asLong()).isEqualTo(pages);
            List<VehicleServiceStub.Vehicle> expectedPage = newestFirst.subList(page * size,
                    Math.min(newestFirst.size(), (page + 1) * size));
            assertThat(actualVehicles(view)).as(context + ", page " + page)
                    .isEqualTo(expectedVehicles(seed.bookings, partner, expectedPage, asOf));
            assertThat(counts(view)).as(context + ", page " + page)
                    .isEqualTo(expectedCounts(seed.bookings, partner, fleet.size(), asOf));
            view.path("items").forEach(v -> listed.add(v.path("vehicleId").asString()));
        }
        assertThat(listed).containsExactlyElementsOf(newestFirst.stream().map(v -> v.id().toString()).toList());
        JsonNode first = fleet(token, partner, "").expect(200).json();
        assertThat(first.path("size").asInt()).as("default page size").isEqualTo(20);
        assertThat(first.path("items").size()).isEqualTo(fleet.size());
        assertThat(first.path("counts").path("onRent").asLong()).as(context).isPositive();
        assertThat(first.path("counts").path("upcomingBookings").asLong()).as(context).isPositive();
        assertThat(first.path("counts").path("pendingHolds").asLong()).as(context)
                .isGreaterThan(FleetStatus.HOLDS_PER_VEHICLE);
        JsonNode popularView = first.path("items").get(0);
        assertThat(popularView.path("vehicleId").asString()).isEqualTo(popular.id().toString());
        assertThat(popularView.path("pendingHolds").size()).isEqualTo(FleetStatus.HOLDS_PER_VEHICLE);
        assertThat(popularView.path("pendingHoldCount").asLong()).isEqualTo(FleetStatus.HOLDS_PER_VEHICLE + 3);
        assertThat(popularView.path("make").asString()).isEqualTo(VehicleServiceStub.MAKE);
        assertThat(popularView.path("licensePlate").asString()).isEqualTo(VehicleServiceStub.plate(popular.id()));
        JsonNode hold = popularView.path("pendingHolds").get(0);
        assertThat(hold.propertyNames()).containsExactly("bookingId", "pickupAt", "returnAt", "holdExpiresAt", "total",
                "currency");
        assertThat(hold.path("total").isIntegralNumber()).as("XAF in whole francs: " + hold).isTrue();
        JsonNode sureView = first.path("items").get(1);
        assertThat(sureView.path("onRent").propertyNames()).containsExactly("bookingId", "renterId", "pickupAt",
                "returnAt");
        assertThat(sureView.path("pendingHolds").get(0).path("total").decimalValue())
                .isEqualByComparingTo(new BigDecimal("39.90"));
    }

    @Test
    void aSecondReadIsAHitAndOnlyTheChangedPartnersStatusGoesStale() {
        VehicleServiceStub.Vehicle a = vehicles.bookable();
        VehicleServiceStub.Vehicle b = vehicles.bookable();
        String tokenA = owner(a).token();
        String tokenB = owner(b).token();
        fleet(tokenA, "me", "").expect(200);
        JsonNode cachedB = fleet(tokenB, "me", "").expect(200).json();
        double hits = lookups("hit");
        assertThat(fleet(tokenA, "me", "").expect(200).json().path("items").get(0).path("pendingHolds").size()).isZero();
        assertThat(lookups("hit")).isEqualTo(hits + 1);
        String versionA = cache.version(CacheNamespaces.fleet(a.partnerId()));
        String versionB = cache.version(CacheNamespaces.fleet(b.partnerId()));

        Instant pickup = minuteIn(Duration.ofDays(20));
        UUID booking = held(renter(), a.id(), pickup, pickup.plus(Duration.ofDays(2)));
        assertThat(cache.version(CacheNamespaces.fleet(a.partnerId()))).isNotEqualTo(versionA);
        assertThat(cache.version(CacheNamespaces.fleet(b.partnerId()))).isEqualTo(versionB);
        double misses = lookups("miss");
        JsonNode fresh = fleet(tokenA, "me", "").expect(200).json();
        assertThat(lookups("miss")).isEqualTo(misses + 1);
        JsonNode heldNow = fresh.path("items").get(0).path("pendingHolds").get(0);
        assertThat(heldNow.path("bookingId").asString()).isEqualTo(booking.toString());
        // what the hold stored: 2 days at the stub's 49.90 and the 10 % fee
        long totalMinor = count("select total_minor from bookings where id = ?", booking);
        assertThat(heldNow.path("total").decimalValue()).isEqualByComparingTo(Money.toMajor(totalMinor, "EUR"));
        assertThat(fresh.path("counts").path("pendingHolds").asLong()).isEqualTo(1);
        assertThat(Instant.parse(fresh.path("nextChangeAt").asString()))
                .isEqualTo(Instant.parse(heldNow.path("holdExpiresAt").asString()));
        hits = lookups("hit");
        assertThat(fleet(tokenB, "me", "").expect(200).json()).isEqualTo(cachedB);
        assertThat(lookups("hit")).as("B's entry was left alone").isEqualTo(hits + 1);

        // the confirmation is a change of A's too: the hold becomes the next booking
        confirm(booking, UUID.randomUUID().toString()).expect(200);
        JsonNode confirmed = fleet(tokenA, "me", "").expect(200).json();
        assertThat(confirmed.path("items").get(0).path("pendingHolds").size()).isZero();
        assertThat(confirmed.path("items").get(0).path("nextBooking").path("bookingId").asString())
                .isEqualTo(booking.toString());
        assertThat(confirmed.path("counts").path("upcomingBookings").asLong()).isEqualTo(1);
    }

    @Test
    void aRentalStartingWithNoEventIsNotServedStaleFromTheCache() {
        UUID partner = UUID.randomUUID();
        VehicleServiceStub.Vehicle car = vehicleOf(partner, "EUR");
        Instant pickup = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(8);
        Seed.Booking rental = new Seed(jdbc).booking(car.id(), UUID.randomUUID(), partner, "CONFIRMED", pickup,
                pickup.plus(Duration.ofDays(1)), "EUR", 3990, null, pickup.minus(Duration.ofDays(1)));
        String token = party(partner, "PARTNER").token();
        JsonNode before = fleet(token, "me", "").expect(200).json();
        assertThat(before.path("items").get(0).path("nextBooking").path("bookingId").asString())
                .isEqualTo(rental.id().toString());
        assertThat(before.path("items").get(0).path("onRent").isNull()).isTrue();
        assertThat(Instant.parse(before.path("nextChangeAt").asString())).isEqualTo(pickup);
        assertThat(fleet(token, "me", "").expect(200).json()).as("cached until then").isEqualTo(before);

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode now = fleet(token, "me", "").expect(200).json();
            assertThat(now.path("items").get(0).path("onRent").path("bookingId").asString())
                    .isEqualTo(rental.id().toString());
            assertThat(now.path("items").get(0).path("nextBooking").isNull()).isTrue();
            assertThat(now.path("counts").path("onRent").asLong()).isEqualTo(1);
        });
    }

    @Test
    void vehicleServiceDownIsA503WithRetryAfterAndNothingIsCached() {
        UUID partner = UUID.randomUUID();
        vehicleOf(partner, "EUR");
        String token = party(partner, "PARTNER").token();
        vehicles.behavePartner(partner, VehicleServiceStub.Behaviour.FAILING);
        try {
            BookingApi.Reply refused = fleet(token, "me", "").problem(503, "vehicle-service-unavailable");
            assertThat(refused.header("Retry-After")).isPresent();
        }
        finally {
            vehicles.behavePartner(partner, VehicleServiceStub.Behaviour.NORMAL);
        }
        assertThat(fleet(token, "me", "").expect(200).json().path("items").size()).isEqualTo(1);
    }

    @Test
    void onlyThePartnerOrAnAdminSeesAFleet() {
        UUID a = UUID.randomUUID();
        vehicleOf(a, "EUR");
        fleet(party(a, "PARTNER").token(), a, "").expect(200);
        fleet(party(a, "PARTNER").token(), "me", "").expect(200);
        fleet(admin, a, "").expect(200);
        fleet(party("PARTNER").token(), a, "").problem(403, "forbidden");
        fleet(renter().token(), a, "").problem(403, "forbidden");
        fleet(renter().token(), "me", "").problem(403, "forbidden");
        // an admin has no fleet of their own, but "me" is a well-formed id: an empty fleet
        assertThat(fleet(admin, "me", "").expect(200).json().path("totalElements").asLong()).isZero();
        api.get("/api/partners/" + a + "/fleet").send().problem(401, "unauthorized");
        fleet(TestTokens.service("user-service", "booking-service"), a, "").problem(401, "unauthorized");
        fleet(paymentService, a, "").problem(401, "unauthorized");
    }

    @Test
    void badInputIsA400ProblemNamingTheParameter() {
        String token = party(UUID.randomUUID(), "PARTNER").token();
        fleet(admin, "not-an-id", "").refuses("partnerId");
        fleet(admin, "00000000-0000-0000-0000-00000000000g", "").refuses("partnerId");
        fleet(token, "me", "page=-1").refuses("page");
        fleet(token, "me", "page=10001").refuses("page");
        fleet(token, "me", "size=0").refuses("size");
        fleet(token, "me", "size=101").refuses("size");
        fleet(token, "me", "size=abc").refuses("size");
        fleet(token, "me", "page=99999999999999999999").refuses("page");
        fleet(token, "me", "page=10000&size=100").expect(200);
    }

    /** On 100,000 bookings of 2,000 partners, the fleet's queries read the partial index of active bookings. */
    @Test
    void theFleetQueriesReadThePartialIndexOn100kBookings() {
        String run = UUID.randomUUID().toString();
        // partner n of this run: a UUID from md5(run:n); vehicle m of a partner from md5(run:n:m); one in ten active
        // (HELD or CONFIRMED) far ahead, where neither the sweeper nor other tests reach; each its own period
        jdbc.sql("""
                insert into bookings (id, vehicle_id, renter_id, partner_id, status, pickup_at, return_at,
                    turnaround_minutes, blocked_until, days, price_per_day_minor, subtotal_minor, service_fee_minor,
                    total_minor, currency, hold_expires_at, sequence, created_at, updated_at)
                select gen_random_uuid(), md5(:run || ':' || (g % 2000) || ':' || (g % 7))::uuid, gen_random_uuid(),
                       md5(:run || ':' || (g % 2000))::uuid, s.status,
                       timestamptz '2040-01-01 00:00Z' + g * interval '1 hour',
                       timestamptz '2040-01-01 00:30Z' + g * interval '1 hour',
                       0, timestamptz '2040-01-01 00:30Z' + g * interval '1 hour',
                       1, 5000, 5000, 0, 5000, 'EUR',
                       case when s.status = 'HELD' then timestamptz '2040-01-01 00:00Z' else null end, 1,
                       now(), now()
                from generate_series(1, 100000) as g,
                     lateral (select case when g % 10 = 0 then (case when g % 20 = 0 then 'HELD' else 'CONFIRMED' end)
                                          else (array['COMPLETED', 'CANCELLED', 'EXPIRED'])[g % 3 + 1] end as status) s
                """).param("run", run).update();
        jdbc.sql("analyze bookings").update();
        UUID partner = jdbc.sql("select md5(? || ':7')::uuid").param(run).query(UUID.class).single();
        List<UUID> ids = jdbc.sql("select distinct vehicle_id from bookings where partner_id = ?").param(partner)
                .query(UUID.class).list();
        assertThat(ids).isNotEmpty();
        Instant now = Instant.parse("2041-06-01T00:00:00Z");
        for (String sql : List.of(FleetQueries.ON_RENT, FleetQueries.NEXT, FleetQueries.HOLDS, FleetQueries.COUNTS)) {
            String plan = String.join("\n", jdbc.sql("explain " + sql).param("partner", partner)
                    .param("vehicles", ids).param("now", now.atOffset(ZoneOffset.UTC))
                    .param("cap", FleetStatus.HOLDS_PER_VEHICLE).query(String.class).list());
            assertThat(plan).as(plan).containsPattern("Index (Only )?Scan|Bitmap Index Scan")
                    .doesNotContain("Seq Scan on bookings");
            if (!sql.equals(FleetQueries.HOLDS)) {
                // the pending holds may as well come from the sweeper's index of unexpired holds: few at any time
                assertThat(plan).as(plan).contains("bookings_partner_active_idx");
            }
        }
    }

    // ---------------------------------------------------------------- brute force

    private static boolean onRent(Seed.Booking b, Instant at) {
        return b.status().equals("CONFIRMED") && !b.pickupAt().isAfter(at) && b.returnAt().isAfter(at);
    }

    private static boolean ahead(Seed.Booking b, Instant at) {
        return b.status().equals("CONFIRMED") && b.pickupAt().isAfter(at);
    }

    private static boolean pending(Seed.Booking b, Instant at) {
        return b.status().equals("HELD") && b.holdExpiresAt().isAfter(at);
    }

    private static final Comparator<Seed.Booking> BY_PICKUP = Comparator.comparing(Seed.Booking::pickupAt)
            .thenComparing(Seed.Booking::id);

    /** vehicle id → its line, for the page's vehicles in their order. */
    private static Map<String, String> expectedVehicles(List<Seed.Booking> bookings, UUID partner,
            List<VehicleServiceStub.Vehicle> page, Instant at) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (VehicleServiceStub.Vehicle v : page) {
            List<Seed.Booking> mine = bookings.stream()
                    .filter(b -> b.partnerId().equals(partner) && b.vehicleId().equals(v.id())).sorted(BY_PICKUP)
                    .toList();
            String rent = mine.stream().filter(b -> onRent(b, at)).findFirst().map(FleetIT::rental).orElse("none");
            String next = mine.stream().filter(b -> ahead(b, at)).findFirst().map(FleetIT::rental).orElse("none");
            List<Seed.Booking> holds = mine.stream().filter(b -> pending(b, at)).toList();
            List<String> listed = holds.stream().limit(FleetStatus.HOLDS_PER_VEHICLE)
                    .map(b -> b.id() + "@" + b.pickupAt() + "-" + b.returnAt() + " until " + b.holdExpiresAt() + " "
                            + Money.toMajor(b.totalMinor(), b.currency()).stripTrailingZeros().toPlainString() + " "
                            + b.currency())
                    .toList();
            expected.put(v.id().toString(), "status=" + v.status() + " bookable=" + v.bookable() + " model="
                    + VehicleServiceStub.model(v.id()) + " onRent=" + rent + " next=" + next + " holds=" + listed
                    + " of " + holds.size());
        }
        return expected;
    }

    private static String rental(Seed.Booking b) {
        return b.id() + " by " + b.renterId() + " " + b.pickupAt() + "-" + b.returnAt();
    }

    private static String expectedCounts(List<Seed.Booking> bookings, UUID partner, long vehicleCount, Instant at) {
        List<Seed.Booking> mine = bookings.stream().filter(b -> b.partnerId().equals(partner)).toList();
        long onRent = mine.stream().filter(b -> onRent(b, at)).map(Seed.Booking::vehicleId).distinct().count();
        long ahead = mine.stream().filter(b -> ahead(b, at)).count();
        long holds = mine.stream().filter(b -> pending(b, at)).count();
        Instant next = null;
        for (Seed.Booking b : mine) {
            for (Instant change : new Instant[] { ahead(b, at) ? b.pickupAt() : null,
                    onRent(b, at) ? b.returnAt() : null, pending(b, at) ? b.holdExpiresAt() : null }) {
                if (change != null && (next == null || change.isBefore(next))) {
                    next = change;
                }
            }
        }
        return "vehicles=" + vehicleCount + " onRent=" + onRent + " upcoming=" + ahead + " holds=" + holds + " next="
                + next;
    }

    // ---------------------------------------------------------------- the answer, in the same shape

    private static Map<String, String> actualVehicles(JsonNode view) {
        Map<String, String> actual = new LinkedHashMap<>();
        for (JsonNode v : view.path("items")) {
            List<String> holds = new ArrayList<>();
            for (JsonNode h : v.path("pendingHolds")) {
                holds.add(h.path("bookingId").asString() + "@" + Instant.parse(h.path("pickupAt").asString()) + "-"
                        + Instant.parse(h.path("returnAt").asString()) + " until "
                        + Instant.parse(h.path("holdExpiresAt").asString()) + " "
                        + h.path("total").decimalValue().stripTrailingZeros().toPlainString() + " "
                        + h.path("currency").asString());
            }
            actual.put(v.path("vehicleId").asString(), "status=" + v.path("status").asString() + " bookable="
                    + v.path("bookable").asBoolean() + " model=" + v.path("model").asString() + " onRent="
                    + rental(v.path("onRent")) + " next=" + rental(v.path("nextBooking")) + " holds=" + holds + " of "
                    + v.path("pendingHoldCount").asLong());
        }
        return actual;
    }

    private static String rental(JsonNode r) {
        if (r.isNull()) {
            return "none";
        }
        return r.path("bookingId").asString() + " by " + r.path("renterId").asString() + " "
                + Instant.parse(r.path("pickupAt").asString()) + "-" + Instant.parse(r.path("returnAt").asString());
    }

    private static String counts(JsonNode view) {
        JsonNode c = view.path("counts");
        JsonNode next = view.path("nextChangeAt");
        return "vehicles=" + c.path("vehicles").asLong() + " onRent=" + c.path("onRent").asLong() + " upcoming="
                + c.path("upcomingBookings").asLong() + " holds=" + c.path("pendingHolds").asLong() + " next="
                + (next.isNull() ? null : Instant.parse(next.asString()));
    }

    private double lookups(String result) {
        return meters.get("smartlink.cache.requests").tag("cache", "fleet").tag("result", result).counter().count();
    }
}
