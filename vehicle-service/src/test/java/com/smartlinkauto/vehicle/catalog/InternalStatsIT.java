package com.smartlinkauto.vehicle.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.smartlinkauto.testsupport.security.TestTokens;
import com.smartlinkauto.vehicle.Api;
import com.smartlinkauto.vehicle.VehicleTestSupport;

import tools.jackson.databind.JsonNode;

/**
 * {@code GET /internal/vehicles/stats}: the figures equal a count of every row done here in Java, move exactly by
 * what a test lists, approves, rejects, suspends and retires, and only user-service's service token opens it.
 */
class InternalStatsIT extends VehicleTestSupport {

    private final String userService = TestTokens.service("user-service", "vehicle-service");

    private JsonNode stats() {
        Api.Response response = api.get(InternalStatsController.PATH, userService).assertStatus(200);
        assertThat(response.header("Cache-Control")).contains("no-store");
        return response.json();
    }

    /** Brute force: every row read, counted here. */
    private Map<VehicleStatus, long[]> counted() {
        Map<VehicleStatus, long[]> counts = new EnumMap<>(VehicleStatus.class);
        for (VehicleStatus status : VehicleStatus.values()) {
            counts.put(status, new long[2]);
        }
        jdbc.sql("select status, partner_verified from vehicles").query((java.sql.ResultSet rs) -> {
            long[] c = counts.get(VehicleStatus.valueOf(rs.getString("status")));
            c[0]++;
            if (rs.getBoolean("partner_verified")) {
                c[1]++;
            }
        });
        return counts;
    }

    private static long of(JsonNode stats, VehicleStatus status) {
        return stats.path("byStatus").path(status.name()).asLong(-1);
    }

    /** The endpoint's figures against the rows; retried while other tests' events may still be moving vehicles. */
    private JsonNode matchingTheRows() {
        JsonNode[] last = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<VehicleStatus, long[]> before = counted();
            JsonNode stats = stats();
            Map<VehicleStatus, long[]> after = counted();
            long total = 0;
            for (VehicleStatus status : VehicleStatus.values()) {
                assertThat(before.get(status)[0]).as("stable %s", status).isEqualTo(after.get(status)[0]);
                assertThat(of(stats, status)).as("byStatus.%s", status).isEqualTo(after.get(status)[0]);
                total += after.get(status)[0];
            }
            assertThat(stats.path("byStatus").size()).isEqualTo(VehicleStatus.values().length);
            assertThat(stats.path("total").asLong()).isEqualTo(total);
            assertThat(stats.path("active").asLong()).isEqualTo(after.get(VehicleStatus.ACTIVE)[0]);
            assertThat(stats.path("pendingReview").asLong()).isEqualTo(after.get(VehicleStatus.PENDING_REVIEW)[0]);
            assertThat(stats.path("bookable").asLong()).isEqualTo(after.get(VehicleStatus.ACTIVE)[1]);
            assertThat(stats.path("asOf").asString()).isNotBlank();
            last[0] = stats;
        });
        return last[0];
    }

    @Test
    void theFiguresAreTheRowsCountedAndMoveByWhatHappened() {
        JsonNode before = matchingTheRows();
        Partner verified = verifiedPartner();
        Partner unverified = partner();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Map<VehicleStatus, Integer> made = new EnumMap<>(VehicleStatus.class);
        int bookable = 0;
        int vehicles = random.nextInt(6, 12);
        for (int i = 0; i < vehicles; i++) {
            UUID id = list(verified, listing());
            VehicleStatus end = VehicleStatus.values()[random.nextInt(VehicleStatus.values().length)];
            switch (end) {
                case PENDING_REVIEW -> { }
                case ACTIVE -> approve(id);
                case REJECTED -> decide(id, "verification", "REJECTED", "blurred photos");
                case SUSPENDED -> {
                    approve(id);
                    decide(id, "status", "SUSPENDED", "complaints");
                }
                case RETIRED -> decide(id, "status", "RETIRED", null);
            }
            assertThat(status(id)).isEqualTo(end.name());
            made.merge(end, 1, Integer::sum);
            bookable += end == VehicleStatus.ACTIVE ? 1 : 0;
        }
        // ACTIVE but its partner not verified: active, not bookable
        approve(list(unverified, listing()));
        made.merge(VehicleStatus.ACTIVE, 1, Integer::sum);
        list(unverified, listing());
        made.merge(VehicleStatus.PENDING_REVIEW, 1, Integer::sum);

        JsonNode after = matchingTheRows();
        // ITs run one at a time and await their own events: only this test's vehicles moved in between
        for (VehicleStatus status : VehicleStatus.values()) {
            assertThat(of(after, status) - of(before, status)).as("%s added", status)
                    .isEqualTo(made.getOrDefault(status, 0).longValue());
        }
        assertThat(after.path("total").asLong() - before.path("total").asLong()).isEqualTo(vehicles + 2);
        assertThat(after.path("bookable").asLong() - before.path("bookable").asLong()).isEqualTo(bookable);
    }

    private void decide(UUID id, String what, String status, String reason) {
        Map<String, Object> body = reason == null ? Map.of("status", status) : Map.of("status", status, "reason", reason);
        api.patch("/api/admin/vehicles/" + id + "/" + what, body, admin).assertStatus(200);
    }

    @Test
    void onlyUserServicesServiceTokenOpensIt() {
        api.get(InternalStatsController.PATH).assertProblem(401, "unauthorized");
        api.get(InternalStatsController.PATH, admin).assertProblem(401, "unauthorized");
        api.get(InternalStatsController.PATH, partner().token()).assertProblem(401, "unauthorized");
        for (String token : List.of(TestTokens.service("user-service", "booking-service"),
                TestTokens.service("user-service", List.of("vehicle-service"), "openid", Duration.ofMinutes(5)),
                TestTokens.service("user-service", List.of("vehicle-service"), "internal", Duration.ofMinutes(-5)))) {
            api.get(InternalStatsController.PATH, token).assertProblem(401, "unauthorized");
        }
        // booking-service may read vehicles, not the overview's figures; nor payment-service
        api.get(InternalStatsController.PATH, bookingService).assertProblem(403, "forbidden");
        api.get(InternalStatsController.PATH, TestTokens.service("payment-service", "vehicle-service"))
                .assertProblem(403, "forbidden");
        assertThat(stats().path("total").asLong()).isNotNegative();
    }

    @Test
    void userServicesTokenDoesNotOpenTheBookingRead() {
        UUID id = bookable(verifiedPartner(), listing());
        api.get("/internal/vehicles/" + id, userService).assertProblem(403, "forbidden");
        api.get("/internal/vehicles/" + id + "/blackouts", userService).assertProblem(403, "forbidden");
        assertThat(api.get("/internal/vehicles/" + id, bookingService).status()).isEqualTo(200);
    }
}
