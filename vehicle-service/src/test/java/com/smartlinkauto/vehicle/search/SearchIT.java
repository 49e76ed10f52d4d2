package com.smartlinkauto.vehicle.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.smartlinkauto.contracts.events.booking.BookingChanged;
import com.smartlinkauto.contracts.events.booking.BookingEventTypes;
import com.smartlinkauto.vehicle.Api;
import com.smartlinkauto.vehicle.VehicleTestSupport;

import tools.jackson.databind.JsonNode;

/**
 * Search against a brute-force filter over random data: cities, distances, dates with bookings, holds,
 * blackouts and turnaround, prices, seats, transmission, fuel, make, the three sorts and paging. Then
 * the cache: hits, precise invalidation by booking.events and by the owner's changes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchIT extends VehicleTestSupport {

    /**
     * The random catalogue lies around Christchurch, NZ: no other IT lists vehicles in NZ, and this class's
     * other tests list theirs in Australia.
     */
    private static final double LAT = -43.53;
    private static final double LON = 172.63;
    private static final String[] MAKES = { "Toyota", "Mazda", "Ford", "Kia" };

    private final Random random = new Random(20261122);
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final List<String> cities = List.of("Alpha-" + run, "Bravo-" + run, "Charlie-" + run, "Delta-" + run);
    private final List<Car> cars = new ArrayList<>();
    private final Instant base = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);

    /** What the test knows about each vehicle it made. */
    record Car(UUID id, String city, double lat, double lon, BigDecimal price, int year, int seats, String transmission,
            String fuel, String make, int turnaround, boolean bookable, List<Instant[]> bookings,
            List<Instant[]> blackouts) {
    }

    @BeforeAll
    void catalogue() {
        api = new Api(port);
        Partner[] verified = { verifiedPartner(), verifiedPartner(), verifiedPartner() };
        List<BookingChanged> bookings = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String city = cities.get(random.nextInt(cities.size()));
            double lat = LAT + (random.nextDouble() - 0.5) * 3;
            double lon = LON + (random.nextDouble() - 0.5) * 4;
            BigDecimal price = BigDecimal.valueOf(2000 + random.nextInt(28000), 2);
            int year = 2000 + random.nextInt(26);
            int seats = 2 + random.nextInt(8);
            String transmission = random.nextBoolean() ? "MANUAL" : "AUTOMATIC";
            String fuel = List.of("PETROL", "DIESEL", "ELECTRIC").get(random.nextInt(3));
            String make = MAKES[random.nextInt(MAKES.length)];
            int turnaround = List.of(0, 30, 60, 240).get(random.nextInt(4));
            int kind = random.nextInt(10); // 0: pending, 1: suspended, 2: unverified partner, else bookable
            // an unverified partner may list only a few vehicles: each unverified listing gets its own partner
            Partner owner = kind == 2 ? partner() : verified[random.nextInt(verified.length)];
            Map<String, Object> body = listing();
            body.put("make", make);
            body.put("year", year);
            body.put("basePricePerDay", price);
            body.put("currency", "NZD");
            body.put("location", location(city, "NZ", lat, lon));
            body.put("seats", seats);
            body.put("transmission", transmission);
            body.put("fuelType", fuel);
            body.put("turnaroundMinutes", turnaround);
            UUID id = list(owner, body);
            if (kind != 0) {
                approve(id);
            }
            if (kind == 1) {
                api.patch("/api/admin/vehicles/" + id + "/status", Map.of("status", "SUSPENDED", "reason", "it"), admin)
                        .assertStatus(200);
            }
            Car car = new Car(id, city, lat, lon, price, year, seats, transmission, fuel, make, turnaround, kind > 2,
                    new ArrayList<>(), new ArrayList<>());
            cars.add(car);
            int extras = random.nextInt(4);
            for (int b = 0; b < extras; b++) {
                Instant from = base.plus(Duration.ofHours(random.nextInt(24 * 20)));
                Instant to = from.plus(Duration.ofHours(1 + random.nextInt(96)));
                int what = random.nextInt(5);
                if (what == 0) {
                    // a blackout (may overlap an earlier one: then refused and not counted)
                    Api.Response added = api.post("/api/vehicles/" + id + "/blackouts",
                            Map.of("from", from.toString(), "to", to.toString(), "reason", "service"), owner.token());
                    if (added.status() == 201) {
                        car.blackouts().add(new Instant[] { from, to });
                    }
                    else {
                        added.assertProblem(409, "blackout-overlap");
                    }
                    continue;
                }
                String status = List.of("CONFIRMED", "HELD", "CANCELLED", "HELD-LAPSED").get(what - 1);
                Instant expires = status.equals("HELD") ? Instant.now().plus(Duration.ofHours(1))
                        : status.equals("HELD-LAPSED") ? Instant.now().minus(Duration.ofMinutes(1)) : null;
                bookings.add(new BookingChanged(UUID.randomUUID(), id, UUID.randomUUID(), owner.id(),
                        status.startsWith("HELD") ? "HELD" : status, from, to, expires, price, "NZD", null, 1,
                        Instant.now()));
                if (status.equals("CONFIRMED") || status.equals("HELD")) {
                    car.bookings().add(new Instant[] { from, to });
                }
            }
        }
        for (BookingChanged booking : bookings) {
            publishBooking(BookingEventTypes.BOOKING_HELD, booking);
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> jdbc
                .sql("select count(*) from vehicle_bookings where vehicle_id in (:ids)")
                .param("ids", cars.stream().map(Car::id).toList()).query(Long.class).single() == bookings.size());
    }

    @Test
    void randomSearchesReturnExactlyWhatABruteForceFilterFindsInTheSameOrder() {
        int checked = 0;
        int nonEmpty = 0;
        for (int q = 0; q < 60; q++) {
            Map<String, String> params = new LinkedHashMap<>();
            String city = null;
            double[] near = null;
            double radius = 0;
            int scope = random.nextInt(3);
            if (scope == 0) {
                city = cities.get(random.nextInt(cities.size()));
                params.put("city", random.nextBoolean() ? city.toUpperCase() : city);
            }
            else if (scope == 1) {
                near = new double[] { LAT + (random.nextDouble() - 0.5) * 3, LON + (random.nextDouble() - 0.5) * 4 };
                radius = 10 + random.nextInt(150);
                params.put("near", near[0] + "," + near[1]);
                params.put("radiusKm", String.valueOf(radius));
            }
            params.put("country", "NZ");
            Instant from = null;
            Instant to = null;
            if (random.nextInt(3) > 0) {
                from = base.plus(Duration.ofHours(random.nextInt(24 * 20)));
                to = from.plus(Duration.ofHours(1 + random.nextInt(72)));
                params.put("from", from.toString());
                params.put("to", to.toString());
            }
            BigDecimal min = random.nextInt(3) == 0 ? BigDecimal.valueOf(20 + random.nextInt(100)) : null;
            BigDecimal max = random.nextInt(3) == 0 ? BigDecimal.valueOf(150 + random.nextInt(150)) : null;
            if (min != null) {
                params.put("minPrice", min.toPlainString());
            }
            if (max != null) {
                params.put("maxPrice", max.toPlainString());
            }
            Integer seats = random.nextInt(4) == 0 ? 2 + random.nextInt(7) : null;
            if (seats != null) {
                params.put("seats", seats.toString());
            }
            String transmission = random.nextInt(4) == 0 ? (random.nextBoolean() ? "MANUAL" : "automatic") : null;
            if (transmission != null) {
                params.put("transmission", transmission);
            }
            String fuel = random.nextInt(5) == 0 ? "ELECTRIC" : null;
            if (fuel != null) {
                params.put("fuelType", fuel);
            }
            String make = random.nextInt(5) == 0 ? MAKES[random.nextInt(MAKES.length)].toLowerCase() : null;
            if (make != null) {
                params.put("make", make);
            }
            String sort = List.of("price", "price,desc", "year", "year,asc", near != null ? "distance" : "price")
                    .get(random.nextInt(5));
            params.put("sort", sort);

            // brute force
            final String fCity = city;
            final double[] fNear = near;
            final double fRadius = radius;
            final Instant fFrom = from;
            final Instant fTo = to;
            List<Car> expected = cars.stream().filter(Car::bookable)
                    .filter(c -> fCity == null || c.city().equalsIgnoreCase(fCity))
                    .filter(c -> fNear == null
                            || SearchCriteria.distanceKm(fNear[0], fNear[1], c.lat(), c.lon()) <= fRadius)
                    .filter(c -> min == null || c.price().compareTo(min) >= 0)
                    .filter(c -> max == null || c.price().compareTo(max) <= 0)
                    .filter(c -> seats == null || c.seats() >= seats)
                    .filter(c -> transmission == null || c.transmission().equalsIgnoreCase(transmission))
                    .filter(c -> fuel == null || c.fuel().equals(fuel))
                    .filter(c -> make == null || c.make().equalsIgnoreCase(make))
                    .filter(c -> fFrom == null || free(c, fFrom, fTo))
                    .sorted(order(sort, near))
                    .toList();

            List<String> actual = new ArrayList<>();
            int size = 7;
            long total = -1;
            for (int page = 0; page < 40; page++) {
                params.put("page", String.valueOf(page));
                params.put("size", String.valueOf(size));
                Api.Response response = api.get("/api/vehicles?" + query(params));
                response.assertStatus(200);
                JsonNode body = response.json();
                total = body.path("totalElements").asLong();
                List<String> ids = body.path("items").findValuesAsString("id");
                if (ids.isEmpty()) {
                    break;
                }
                if (near != null) {
                    for (JsonNode item : body.path("items")) {
                        assertThat(item.path("distanceKm").asDouble()).isLessThanOrEqualTo(radius + 0.001);
                    }
                }
                actual.addAll(ids);
            }
            List<String> expectedIds = expected.stream().map(c -> c.id().toString()).toList();
            assertThat(actual).as("query %s", params).isEqualTo(expectedIds);
            assertThat(total).as("total of %s", params).isEqualTo(expectedIds.size());
            checked++;
            nonEmpty += expectedIds.isEmpty() ? 0 : 1;
        }
        assertThat(checked).isEqualTo(60);
        assertThat(nonEmpty).as("the random searches must find things, or the comparison proves little")
                .isGreaterThan(30);
    }

    @Test
    void backToBackRentalsAndTheTurnaroundBuffer() {
        Partner owner = verifiedPartner();
        Map<String, Object> body = listing();
        body.put("location", location("Turnaround-" + run, "AU", -33.87, 151.21));
        body.put("turnaroundMinutes", 120);
        UUID id = bookable(owner, body);
        Instant pickup = base.plus(Duration.ofDays(3));
        Instant ret = pickup.plus(Duration.ofDays(2));
        UUID bookingId = UUID.randomUUID();
        publishBooking(BookingEventTypes.BOOKING_CONFIRMED, booking(bookingId, id, "CONFIRMED", pickup, ret, 1));
        awaitBooking(bookingId, 1);
        String city = "city=Turnaround-" + run;
        // within 2 h after the return: busy; from 2 h on: free; ending 2 h before pickup: free
        assertThat(found(city, ret.plus(Duration.ofMinutes(119)), ret.plus(Duration.ofDays(1)))).isFalse();
        assertThat(found(city, ret.plus(Duration.ofMinutes(120)), ret.plus(Duration.ofDays(1)))).isTrue();
        assertThat(found(city, pickup.minus(Duration.ofDays(1)), pickup.minus(Duration.ofMinutes(119)))).isFalse();
        assertThat(found(city, pickup.minus(Duration.ofDays(1)), pickup.minus(Duration.ofMinutes(120)))).isTrue();
        // availability shows the booking with its buffer
        JsonNode availability = api.get("/api/vehicles/" + id + "/availability?from=" + pickup.minus(Duration.ofDays(1))
                + "&to=" + ret.plus(Duration.ofDays(1))).json();
        assertThat(availability.path("busy").get(0).path("kind").asString()).isEqualTo("BOOKING");
        assertThat(Instant.parse(availability.path("busy").get(0).path("to").asString()))
                .isEqualTo(ret.plus(Duration.ofMinutes(120)));
    }

    @Test
    void repeatedSearchesAreServedFromTheCacheAndABookingEventInvalidatesThemPrecisely() {
        Partner owner = verifiedPartner();
        Map<String, Object> body = listing();
        body.put("location", location("Cache-" + run, "AU", -33.87, 151.21));
        UUID id = bookable(owner, body);
        Map<String, Object> elsewhere = listing();
        elsewhere.put("location", location("Elsewhere-" + run, "AU", -37.81, 144.96));
        UUID other = bookable(owner, elsewhere);
        Instant from = base.plus(Duration.ofDays(10));
        Instant to = from.plus(Duration.ofDays(3));
        String query = "/api/vehicles?city=Cache-" + run + "&from=" + from + "&to=" + to;
        assertThat(api.get(query).json().path("items").findValuesAsString("id")).containsExactly(id.toString());
        double hits = counter("search", "hit");
        assertThat(api.get(query).json().path("items").findValuesAsString("id")).containsExactly(id.toString());
        assertThat(counter("search", "hit")).as("the repeat is a cache hit").isEqualTo(hits + 1);

        // a booking of a vehicle in another city leaves this search cached
        UUID otherBooking = UUID.randomUUID();
        publishBooking(BookingEventTypes.BOOKING_CONFIRMED, booking(otherBooking, other, "CONFIRMED", from, to, 1));
        awaitBooking(otherBooking, 1);
        double before = counter("search", "hit");
        api.get(query);
        assertThat(counter("search", "hit")).isEqualTo(before + 1);

        // a booking of this vehicle for these dates removes it from the cached result
        UUID bookingId = UUID.randomUUID();
        publishBooking(BookingEventTypes.BOOKING_HELD, booking(bookingId, id, "HELD", from.plus(Duration.ofHours(5)),
                from.plus(Duration.ofDays(1)), 1));
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get(query).json().path("items").isEmpty());
        // … and its expiry brings it back
        publishBooking(BookingEventTypes.BOOKING_EXPIRED, booking(bookingId, id, "EXPIRED",
                from.plus(Duration.ofHours(5)), from.plus(Duration.ofDays(1)), 2));
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get(query).json().path("items").findValuesAsString("id").contains(id.toString()));
        // an older event arriving late changes nothing
        publishBooking(BookingEventTypes.BOOKING_HELD, booking(bookingId, id, "HELD", from.plus(Duration.ofHours(5)),
                from.plus(Duration.ofDays(1)), 1));
        UUID marker = UUID.randomUUID();
        publishBooking(BookingEventTypes.BOOKING_CANCELLED, booking(marker, id, "CANCELLED", from, to, 1));
        awaitBooking(marker, 1);
        assertThat(jdbc.sql("select status from vehicle_bookings where booking_id = ?").param(bookingId)
                .query(String.class).single()).isEqualTo("EXPIRED");
        assertThat(api.get(query).json().path("items").findValuesAsString("id")).contains(id.toString());

        // the owner's price change shows at once in the cached details and search
        api.get("/api/vehicles/" + id);
        api.patch("/api/vehicles/" + id, Map.of("basePricePerDay", 77), owner.token()).assertStatus(200);
        assertThat(api.get("/api/vehicles/" + id).json().path("basePricePerDay").decimalValue())
                .isEqualByComparingTo("77");
        assertThat(api.get(query).json().path("items").get(0).path("basePricePerDay").decimalValue())
                .isEqualByComparingTo("77");
        assertThat(counter("vehicle", "hit") + counter("vehicle", "miss")).isPositive();
    }

    @Test
    void badSearchParametersAre400WithTheParameterNamed() {
        Instant from = base.plus(Duration.ofDays(1));
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("near=abc", "near");
        bad.put("near=91,10", "near");
        bad.put("radiusKm=10", "radiusKm");
        bad.put("near=1,1&radiusKm=0", "radiusKm");
        bad.put("near=1,1&radiusKm=501", "radiusKm");
        bad.put("from=" + from, "to");
        bad.put("from=" + from + "&to=" + from, "to");
        bad.put("from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z", "to");
        bad.put("from=" + from + "&to=" + from.plus(Duration.ofDays(400)), "to");
        bad.put("from=tomorrow&to=" + from, "from");
        bad.put("sort=distance", "sort");
        bad.put("sort=colour", "sort");
        bad.put("sort=price,sideways", "sort");
        bad.put("size=0", "size");
        bad.put("size=101", "size");
        bad.put("page=-1", "page");
        bad.put("seats=10", "seats");
        bad.put("transmission=SEMI", "transmission");
        bad.put("fuelType=COAL", "fuelType");
        bad.put("minPrice=50&maxPrice=10", "maxPrice");
        bad.put("minPrice=-1", "minPrice");
        bad.put("country=Germany", "country");
        bad.forEach((query, field) -> api.get("/api/vehicles?" + query.replace("+", "%2B")).assertInvalid(field));
        api.get("/api/vehicles?seats=many").assertProblem(400, "malformed-request");
        api.get("/api/vehicles?minPrice=cheap").assertProblem(400, "malformed-request");
    }

    private boolean found(String cityParam, Instant from, Instant to) {
        return api.get("/api/vehicles?" + cityParam + "&from=" + from + "&to=" + to).json().path("items")
                .size() == 1;
    }

    /** Free for [from, to): no blackout overlaps it, no blocking booking comes within the turnaround. */
    private static boolean free(Car car, Instant from, Instant to) {
        Duration buffer = Duration.ofMinutes(car.turnaround());
        boolean blackedOut = car.blackouts().stream().anyMatch(b -> b[0].isBefore(to) && from.isBefore(b[1]));
        boolean booked = car.bookings().stream()
                .anyMatch(b -> b[0].isBefore(to.plus(buffer)) && from.minus(buffer).isBefore(b[1]));
        return !blackedOut && !booked;
    }

    private static Comparator<Car> order(String sort, double[] near) {
        Comparator<Car> byId = Comparator.comparing(c -> c.id().toString());
        return switch (sort) {
            case "price" -> Comparator.comparing(Car::price).thenComparing(byId);
            case "price,desc" -> Comparator.comparing(Car::price).reversed().thenComparing(byId);
            case "year" -> Comparator.comparingInt(Car::year).reversed().thenComparing(Car::price).thenComparing(byId);
            case "year,asc" -> Comparator.comparingInt(Car::year).thenComparing(Car::price).thenComparing(byId);
            case "distance" -> Comparator.<Car>comparingDouble(
                    c -> SearchCriteria.distanceKm(near[0], near[1], c.lat(), c.lon())).thenComparing(byId);
            default -> throw new IllegalArgumentException(sort);
        };
    }

    private static String query(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private double counter(String cache, String result) {
        String metrics = api.get("/actuator/prometheus").body();
        String prefix = "smartlink_cache_requests_total{";
        return metrics.lines().filter(l -> l.startsWith(prefix) && l.contains("cache=\"" + cache + "\"")
                && l.contains("result=\"" + result + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
