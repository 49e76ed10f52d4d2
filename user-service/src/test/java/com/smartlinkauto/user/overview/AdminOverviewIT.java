package com.smartlinkauto.user.overview;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import com.smartlinkauto.user.Api;
import com.smartlinkauto.user.ApiTestSupport;
import com.smartlinkauto.user.UserServiceIT;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/admin/overview} against real PostgreSQL and Redis, its remote sources played by local HTTP servers
 * ({@link FakeSource}): the users part equals a count done here over every row; a source that answers is served and
 * then read from the cache; a source where nothing listens, one that never answers and one that answers 503 leave
 * their parts UNAVAILABLE with the reason while the rest is served, within a bounded time; unusable answers are
 * refused; repeated failures open the source's circuit breaker; concurrent overviews share one call per source; only
 * admins see it.
 */
@UserServiceIT
class AdminOverviewIT extends ApiTestSupport {

    /** config-repo's smartlink.users.overview.timeout (2 s) and some slack for a loaded machine. */
    private static final Duration BOUND = Duration.ofMillis(4_500);

    @Autowired
    AdminOverviewService service;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    private String admin;

    @BeforeEach
    void freshSourcesNoCacheClosedBreakers() {
        for (FakeSource source : List.of(VEHICLE_SOURCE, BOOKING_SOURCE, STORAGE_SOURCE)) {
            source.reset();
        }
        clearCache();
        service.breakers().getAllCircuitBreakers().forEach(CircuitBreaker::reset);
        admin = api.adminToken();
    }

    @AfterEach
    void releaseHungRequests() {
        for (FakeSource source : List.of(VEHICLE_SOURCE, BOOKING_SOURCE, STORAGE_SOURCE)) {
            source.reset();
        }
    }

    private void clearCache() {
        for (OverviewPart part : OverviewPart.values()) {
            redis.delete(OverviewCache.key(part));
        }
    }

    private JsonNode overview() {
        Api.Response response = api.get(AdminOverviewController.PATH, admin);
        response.assertStatusOk();
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.header("Cache-Control")).contains("no-store");
        return response.json();
    }

    private double counter(String name, String... tags) {
        Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private static void assertUnavailable(JsonNode part, String reason) {
        assertThat(part.path("status").asString()).as(part.toString()).isEqualTo("UNAVAILABLE");
        assertThat(part.path("reason").asString()).as(part.toString()).isEqualTo(reason);
        // nothing else: no stale or made-up figures
        assertThat(part.size()).as(part.toString()).isEqualTo(2);
    }

    @Test
    void onlyAdminsSeeTheOverview() {
        api.get(AdminOverviewController.PATH).assertProblem(401, "unauthorized");
        api.get(AdminOverviewController.PATH, "not-a-token").assertProblem(401, "unauthorized");
        Api.Account renter = api.registerRenter();
        api.get(AdminOverviewController.PATH, api.login(renter).accessToken()).assertProblem(403, "forbidden");
        Api.Account partner = api.registerPartner();
        api.get(AdminOverviewController.PATH, api.login(partner).accessToken()).assertProblem(403, "forbidden");
        assertThat(overview().path("users").path("status").asString()).isEqualTo("AVAILABLE");
    }

    @Test
    void theOpenApiDocumentDescribesTheOverviewAndItsParts() {
        JsonNode docs = api.get("/v3/api-docs").json();
        JsonNode get = docs.path("paths").path(AdminOverviewController.PATH).path("get");
        assertThat(get.path("responses").propertyNames()).contains("200", "401", "403");
        assertThat(get.path("responses").path("200").path("content").toString()).contains("AdminOverview");
        JsonNode schemas = docs.path("components").path("schemas");
        assertThat(schemas.path("AdminOverview").path("properties").propertyNames())
                .contains("asOf", "users", "vehicles", "bookings", "revenue", "storage");
        assertThat(schemas.path("UsersPart").path("properties").propertyNames())
                .contains("status", "reason", "asOf", "total", "byRole", "partnersByVerification", "pendingPartners");
        assertThat(schemas.path("VehiclesPart").path("properties").propertyNames())
                .contains("total", "active", "pending", "bookable", "byStatus");
        assertThat(schemas.path("StoragePart").path("properties").propertyNames())
                .contains("nodes", "underReplicatedChunks", "unavailableChunks");
        assertThat(schemas.path("RevenuePart").path("properties").propertyNames()).contains("thisMonth", "lastMonth");
        assertThat(schemas.path("UsersPart").path("properties").path("status").path("enum").toString())
                .contains("AVAILABLE", "UNAVAILABLE");
    }

    /** Every account and role read here, counted in Java. */
    private Map<String, Long> bruteForce() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("select id, verification_status from users", rs -> {
            counts.merge("total", 1L, Long::sum);
            String status = rs.getString("verification_status");
            if (status != null) {
                counts.merge("verification:" + status, 1L, Long::sum);
            }
        });
        jdbc.query("select role from user_roles", rs -> {
            counts.merge("role:" + rs.getString("role"), 1L, Long::sum);
        });
        return counts;
    }

    private static void assertUsersMatch(JsonNode users, Map<String, Long> expected) {
        assertThat(users.path("status").asString()).isEqualTo("AVAILABLE");
        assertThat(users.has("reason")).isFalse();
        assertThat(users.path("total").asLong()).isEqualTo(expected.getOrDefault("total", 0L));
        for (String role : List.of("RENTER", "PARTNER", "ADMIN")) {
            assertThat(users.path("byRole").path(role).asLong(-1)).as(role)
                    .isEqualTo(expected.getOrDefault("role:" + role, 0L));
        }
        for (String status : List.of("PENDING", "VERIFIED", "REJECTED")) {
            assertThat(users.path("partnersByVerification").path(status).asLong(-1)).as(status)
                    .isEqualTo(expected.getOrDefault("verification:" + status, 0L));
        }
        assertThat(users.path("pendingPartners").asLong())
                .isEqualTo(expected.getOrDefault("verification:PENDING", 0L));
        assertThat(users.path("asOf").asString()).isNotBlank();
    }

    @Test
    void theUsersPartIsEveryAccountCountedAndMovesByWhatHappened() {
        JsonNode before = overview().path("users");
        assertUsersMatch(before, bruteForce());

        List<Api.Account> partners = new ArrayList<>();
        int renters = 3;
        for (int i = 0; i < renters; i++) {
            api.registerRenter();
        }
        for (int i = 0; i < 5; i++) {
            partners.add(api.registerPartner());
        }
        api.patch("/api/admin/partners/" + partners.get(0).id() + "/verification", Map.of("status", "VERIFIED"), admin)
                .assertStatusOk();
        api.patch("/api/admin/partners/" + partners.get(1).id() + "/verification", Map.of("status", "VERIFIED"), admin)
                .assertStatusOk();
        api.patch("/api/admin/partners/" + partners.get(2).id() + "/verification",
                Map.of("status", "REJECTED", "reason", "documents unreadable"), admin).assertStatusOk();

        // still the cached part (a minute), until the cache is gone
        assertThat(overview().path("users")).isEqualTo(before);
        clearCache();
        JsonNode after = overview().path("users");
        assertUsersMatch(after, bruteForce());
        assertThat(after.path("total").asLong() - before.path("total").asLong()).isEqualTo(renters + 5);
        assertThat(after.path("byRole").path("RENTER").asLong() - before.path("byRole").path("RENTER").asLong())
                .isEqualTo(renters);
        assertThat(after.path("byRole").path("PARTNER").asLong() - before.path("byRole").path("PARTNER").asLong())
                .isEqualTo(5);
        assertThat(after.path("pendingPartners").asLong() - before.path("pendingPartners").asLong()).isEqualTo(2);
        assertThat(after.path("partnersByVerification").path("VERIFIED").asLong()
                - before.path("partnersByVerification").path("VERIFIED").asLong()).isEqualTo(2);
        assertThat(after.path("partnersByVerification").path("REJECTED").asLong()
                - before.path("partnersByVerification").path("REJECTED").asLong()).isEqualTo(1);
    }

    @Test
    void answeringSourcesAreServedThenReadFromTheCache() {
        Map<String, Double> hits = new HashMap<>();
        Map<String, Double> misses = new HashMap<>();
        for (OverviewPart part : OverviewPart.values()) {
            hits.put(part.key(), counter("smartlink.cache.requests", "cache", part.cacheName(), "result", "hit"));
            misses.put(part.key(), counter("smartlink.cache.requests", "cache", part.cacheName(), "result", "miss"));
        }
        double vehiclesServed = counter("smartlink.overview.parts", "part", "vehicles", "outcome", "available");

        JsonNode first = overview();
        for (OverviewPart part : OverviewPart.values()) {
            assertThat(first.path(part.key()).path("status").asString()).as(part.key()).isEqualTo("AVAILABLE");
            assertThat(counter("smartlink.cache.requests", "cache", part.cacheName(), "result", "miss"))
                    .as(part.key()).isEqualTo(misses.get(part.key()) + 1);
            assertThat(redis.hasKey(OverviewCache.key(part))).as(part.key()).isTrue();
            assertThat(redis.getExpire(OverviewCache.key(part))).as(part.key()).isBetween(1L, 60L);
        }
        JsonNode vehicles = first.path("vehicles");
        assertThat(vehicles.path("total").asLong()).isEqualTo(18);
        assertThat(vehicles.path("active").asLong()).isEqualTo(12);
        assertThat(vehicles.path("pending").asLong()).isEqualTo(3);
        assertThat(vehicles.path("bookable").asLong()).isEqualTo(11);
        assertThat(vehicles.path("byStatus").path("RETIRED").asLong()).isEqualTo(2);
        assertThat(vehicles.path("asOf").asString()).isEqualTo("2026-12-04T10:15:30Z");
        JsonNode bookings = first.path("bookings");
        assertThat(bookings.path("zone").asString()).isEqualTo("UTC");
        assertThat(bookings.path("today").path("CONFIRMED").asLong()).isEqualTo(5);
        assertThat(bookings.path("today").path("HELD").asLong()).isEqualTo(3);
        assertThat(bookings.path("thisMonth").path("COMPLETED").asLong()).isEqualTo(9);
        JsonNode revenue = first.path("revenue");
        JsonNode xaf = revenue.path("thisMonth").path("currencies").get(0);
        assertThat(xaf.path("currency").asString()).isEqualTo("XAF");
        assertThat(xaf.path("gross").decimalValue()).isEqualByComparingTo("45000");
        assertThat(xaf.path("commission").decimalValue()).isEqualByComparingTo("6750");
        assertThat(xaf.path("net").decimalValue()).isEqualByComparingTo("38250");
        assertThat(xaf.path("payments").asLong()).isEqualTo(1);
        JsonNode eur = revenue.path("thisMonth").path("currencies").get(1);
        assertThat(eur.path("gross").decimalValue()).isEqualByComparingTo("612.50");
        assertThat(eur.path("refunds").decimalValue()).isEqualByComparingTo("49.90");
        assertThat(eur.path("refundCount").asLong()).isEqualTo(1);
        assertThat(revenue.path("thisMonth").path("from").asString()).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(revenue.path("lastMonth").path("currencies").get(0).path("gross").decimalValue())
                .isEqualByComparingTo("1000");
        JsonNode storage = first.path("storage");
        assertThat(storage.path("nodes").path("live").asLong()).isEqualTo(3);
        assertThat(storage.path("nodes").path("dead").asLong()).isEqualTo(1);
        assertThat(storage.path("nodes").path("total").asLong()).isEqualTo(4);
        assertThat(storage.path("underReplicatedChunks").asLong()).isEqualTo(20);
        assertThat(storage.path("unavailableChunks").asLong()).isEqualTo(2);
        assertThat(counter("smartlink.overview.parts", "part", "vehicles", "outcome", "available"))
                .isEqualTo(vehiclesServed + 1);

        // each source was called once, with user-service's own service token for that source
        assertThat(VEHICLE_SOURCE.requestCount()).isEqualTo(1);
        assertThat(BOOKING_SOURCE.requestCount()).as("one call serves bookings and revenue").isEqualTo(1);
        assertThat(STORAGE_SOURCE.requestCount()).isEqualTo(1);
        assertServiceToken(VEHICLE_SOURCE.requests().get(0), "/internal/vehicles/stats", "vehicle-service");
        assertServiceToken(BOOKING_SOURCE.requests().get(0), "/internal/overview", "booking-service");
        assertServiceToken(STORAGE_SOURCE.requests().get(0), "/internal/storage/stats", "storage-controller-service");

        // the second overview: every part a cache hit, no source asked again, the same figures
        JsonNode second = overview();
        for (OverviewPart part : OverviewPart.values()) {
            assertThat(counter("smartlink.cache.requests", "cache", part.cacheName(), "result", "hit"))
                    .as(part.key()).isEqualTo(hits.get(part.key()) + 1);
            assertThat(second.path(part.key())).as(part.key()).isEqualTo(first.path(part.key()));
        }
        assertThat(VEHICLE_SOURCE.requestCount() + BOOKING_SOURCE.requestCount() + STORAGE_SOURCE.requestCount())
                .isEqualTo(3);
    }

    private static void assertServiceToken(FakeSource.Request request, String path, String audience) {
        assertThat(request.path()).isEqualTo(path);
        assertThat(request.authorization()).startsWith("Bearer ");
        JsonNode claims = request.claims();
        assertThat(claims.path("sub").asString()).isEqualTo("user-service");
        assertThat(claims.path("aud").toString()).contains("\"" + audience + "\"");
        assertThat(claims.path("scope").asString()).isEqualTo("internal");
    }

    @Test
    void stoppedHungAndFailingSourcesAreReportedAndTheRestIsServedInBoundedTime() {
        VEHICLE_SOURCE.down();                 // nothing listens on its port
        BOOKING_SOURCE.hang();                 // accepts, never answers
        STORAGE_SOURCE.answer(503, "{\"status\":503}");
        double timeouts = counter("smartlink.overview.parts", "part", "bookings", "outcome", "timeout");
        double refused = counter("smartlink.overview.parts", "part", "vehicles", "outcome", "connection-refused");

        long start = System.nanoTime();
        JsonNode overview = overview();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(BOUND);
        assertThat(took).as("the hung source was waited for, up to the time limit").isGreaterThan(Duration.ofMillis(1_500));
        assertUnavailable(overview.path("vehicles"), "connection refused");
        assertUnavailable(overview.path("bookings"), "timeout");
        assertUnavailable(overview.path("revenue"), "timeout");
        assertUnavailable(overview.path("storage"), "HTTP 503");
        assertUsersMatch(overview.path("users"), bruteForce());
        assertThat(counter("smartlink.overview.parts", "part", "bookings", "outcome", "timeout")).isEqualTo(timeouts + 1);
        assertThat(counter("smartlink.overview.parts", "part", "vehicles", "outcome", "connection-refused"))
                .isEqualTo(refused + 1);
        // an unavailable part is not cached: only users is
        assertThat(redis.hasKey(OverviewCache.key(OverviewPart.USERS))).isTrue();
        for (OverviewPart part : List.of(OverviewPart.VEHICLES, OverviewPart.BOOKINGS, OverviewPart.REVENUE,
                OverviewPart.STORAGE)) {
            assertThat(redis.hasKey(OverviewCache.key(part))).as(part.key()).isFalse();
        }

        // the sources are back: the next overview has them at once (nothing unavailable was remembered)
        for (FakeSource source : List.of(VEHICLE_SOURCE, BOOKING_SOURCE, STORAGE_SOURCE)) {
            source.reset();
        }
        JsonNode recovered = overview();
        for (OverviewPart part : OverviewPart.values()) {
            assertThat(recovered.path(part.key()).path("status").asString()).as(part.key()).isEqualTo("AVAILABLE");
        }
        assertThat(recovered.path("vehicles").path("total").asLong()).isEqualTo(18);
    }

    @Test
    void everySourceDownStillAnswers200WithTheUsersPart() {
        VEHICLE_SOURCE.down();
        BOOKING_SOURCE.down();
        STORAGE_SOURCE.down();
        long start = System.nanoTime();
        JsonNode overview = overview();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
        for (String part : List.of("vehicles", "bookings", "revenue", "storage")) {
            assertUnavailable(overview.path(part), "connection refused");
        }
        assertThat(overview.path("users").path("status").asString()).isEqualTo("AVAILABLE");
        assertThat(overview.path("asOf").asString()).isNotBlank();
    }

    @Test
    void repeatedFailuresOpenTheSourcesBreakerAndItIsNoLongerAsked() {
        VEHICLE_SOURCE.answer(500, "{}");
        for (int i = 0; i < 5; i++) {
            assertUnavailable(overview().path("vehicles"), "HTTP 500");
        }
        int asked = VEHICLE_SOURCE.requestCount();
        assertThat(asked).isEqualTo(5);
        assertThat(service.breakers().circuitBreaker("overview-vehicle-service").getState())
                .isEqualTo(CircuitBreaker.State.OPEN);

        long start = System.nanoTime();
        JsonNode overview = overview();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertUnavailable(overview.path("vehicles"), "circuit open");
        assertThat(VEHICLE_SOURCE.requestCount()).as("an open breaker spares the source").isEqualTo(asked);
        assertThat(overview.path("bookings").path("status").asString()).isEqualTo("AVAILABLE");
    }

    @Test
    void unusableAnswersAreRefusedPartByPart() {
        // total is not the sum of byStatus
        VEHICLE_SOURCE.answer(200, OverviewSamples.VEHICLES.replace("\"total\":18", "\"total\":19"));
        // bookings fine, revenue missing: the bookings part is served, the revenue part is not
        BOOKING_SOURCE.answer(200, """
                {"asOf":"2026-12-04T10:15:31Z","zone":"UTC",
                 "bookingsToday":{"HELD":1,"CONFIRMED":0,"CANCELLED":0,"EXPIRED":0,"COMPLETED":0},
                 "bookingsThisMonth":{"HELD":1,"CONFIRMED":2,"CANCELLED":0,"EXPIRED":0,"COMPLETED":0}}""");
        STORAGE_SOURCE.answer(200, "<html>not json</html>");
        JsonNode overview = overview();
        assertUnavailable(overview.path("vehicles"), "invalid answer");
        assertThat(overview.path("bookings").path("status").asString()).isEqualTo("AVAILABLE");
        assertThat(overview.path("bookings").path("thisMonth").path("CONFIRMED").asLong()).isEqualTo(2);
        assertUnavailable(overview.path("revenue"), "invalid answer");
        assertUnavailable(overview.path("storage"), "invalid answer");
        assertThat(redis.hasKey(OverviewCache.key(OverviewPart.BOOKINGS))).isTrue();
        assertThat(redis.hasKey(OverviewCache.key(OverviewPart.REVENUE))).isFalse();

        // negative counts and a nonsense currency
        VEHICLE_SOURCE.answer(200, OverviewSamples.VEHICLES.replace("\"bookable\":11", "\"bookable\":-1"));
        BOOKING_SOURCE.answer(200, OverviewSamples.BOOKINGS.replace("\"XAF\"", "\"xaf; drop\""));
        clearCache();
        JsonNode again = overview();
        assertUnavailable(again.path("vehicles"), "invalid answer");
        assertUnavailable(again.path("revenue"), "invalid answer");
    }

    @Test
    void concurrentOverviewsShareOneCallPerSource() throws Exception {
        VEHICLE_SOURCE.answerAfter(Duration.ofMillis(600));
        BOOKING_SOURCE.answerAfter(Duration.ofMillis(600));
        STORAGE_SOURCE.answerAfter(Duration.ofMillis(600));
        ExecutorService clients = Executors.newFixedThreadPool(12);
        try {
            List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                answers.add(CompletableFuture.supplyAsync(this::overview, clients));
            }
            for (CompletableFuture<JsonNode> answer : answers) {
                JsonNode overview = answer.get();
                for (OverviewPart part : OverviewPart.values()) {
                    assertThat(overview.path(part.key()).path("status").asString()).as(part.key())
                            .isEqualTo("AVAILABLE");
                }
            }
        }
        finally {
            clients.shutdownNow();
        }
        // twelve overviews on a cold cache: one call per source (the first that arrived); the later ones found the
        // parts in flight, or already in the cache
        assertThat(VEHICLE_SOURCE.requestCount()).isEqualTo(1);
        assertThat(BOOKING_SOURCE.requestCount()).isEqualTo(1);
        assertThat(STORAGE_SOURCE.requestCount()).isEqualTo(1);
    }
}
