package com.smartlinkauto.e2e;

import static com.smartlinkauto.e2e.Accounts.newAccount;
import static com.smartlinkauto.e2e.BookingE2EIT.encode;
import static com.smartlinkauto.e2e.Platform.gateway;
import static com.smartlinkauto.e2e.Platform.json;
import static com.smartlinkauto.e2e.Platform.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.smartlinkauto.e2e.Accounts.Account;

import tools.jackson.databind.JsonNode;

/**
 * The admin overview through the gateway (issue #14) against the whole platform: every part is served — users from
 * user-service, vehicles from vehicle-service, bookings and revenue from booking-service, storage health from the
 * storage controller, each read by user-service with its own service token — and its figures include what this
 * test created: a partner waiting for verification, a listing waiting for review, a bookable vehicle, a hold made
 * today. Parts are cached (a minute by default, 5 s in the e2e environment), so the test waits, at most 90 s, for
 * parts computed after its changes.
 * Renters and partners get 403, no token 401.
 */
class AdminOverviewE2EIT {

    /** The parts' cache (1 min) plus the time to compute them. */
    private static final Duration FRESH_WITHIN = Duration.ofSeconds(90);
    private static final Duration WITHIN_SECONDS = Duration.ofSeconds(45);
    private static final List<String> PARTS = List.of("users", "vehicles", "bookings", "revenue", "storage");

    @Test
    void everyPartIsServedAndCountsWhatTheTestCreated() {
        Account admin = Accounts.admin();

        // a partner still waiting for verification
        newAccount("/api/partners", "partner");
        // a verified partner with a listing waiting for review and a vehicle approved and bookable
        Account partner = newAccount("/api/partners", "partner");
        Accounts.setPartnerVerification(admin, partner.id(), "VERIFIED", null);
        list(partner, "E2E-Overview-" + UUID.randomUUID().toString().substring(0, 8));
        String vehicleId = list(partner, "E2E-Overview-" + UUID.randomUUID().toString().substring(0, 8));
        HttpResponse<String> approved = send(admin.as(gateway("/api/admin/vehicles/" + vehicleId + "/verification"))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"status\":\"ACTIVE\",\"reason\":\"e2e overview\"}")));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        Instant pickup = Instant.now().plus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        Instant returnAt = pickup.plus(2, ChronoUnit.DAYS);
        String quote = "/api/bookings/quote?vehicleId=" + vehicleId + "&pickupAt=" + encode(pickup.toString())
                + "&returnAt=" + encode(returnAt.toString());
        Awaitility.await("the approved vehicle is bookable").atMost(WITHIN_SECONDS).pollInterval(Duration.ofMillis(500))
                .until(() -> send(gateway(quote)).statusCode() == 200);
        // a renter's hold, made today
        Account renter = newAccount("/api/auth/register", "renter");
        HttpResponse<String> held = send(renter.as(Accounts.postJson("/api/bookings",
                "{\"vehicleId\":\"%s\",\"pickupAt\":\"%s\",\"returnAt\":\"%s\"}".formatted(vehicleId, pickup, returnAt)))
                .header("Idempotency-Key", "e2e-overview-" + UUID.randomUUID()));
        assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
        Instant created = Instant.now();

        Awaitility.await("an overview computed after the test's changes, every part served").atMost(FRESH_WITHIN)
                .pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                    HttpResponse<String> response = send(admin.as(gateway("/api/admin/overview")));
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    JsonNode overview = json(response);
                    for (String part : PARTS) {
                        assertThat(overview.path(part).path("status").asString()).as("%s: %s", part, overview.path(part))
                                .isEqualTo("AVAILABLE");
                    }
                    for (String part : List.of("users", "vehicles", "bookings")) {
                        assertThat(Instant.parse(overview.path(part).path("asOf").asString())).as("%s computed after the "
                                + "test's changes (cached a minute)", part).isAfterOrEqualTo(created.minusSeconds(1));
                    }
                    assertFigures(overview);
                });

        // admins only, already at the gateway
        assertThat(send(renter.as(gateway("/api/admin/overview"))).statusCode()).isEqualTo(403);
        assertThat(send(partner.as(gateway("/api/admin/overview"))).statusCode()).isEqualTo(403);
        HttpResponse<String> anonymous = send(gateway("/api/admin/overview"));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private static void assertFigures(JsonNode overview) {
        JsonNode users = overview.path("users");
        assertThat(users.path("pendingPartners").asLong()).as("the pending partner").isGreaterThanOrEqualTo(1);
        assertThat(users.path("partnersByVerification").path("PENDING").asLong())
                .isEqualTo(users.path("pendingPartners").asLong());
        assertThat(users.path("partnersByVerification").path("VERIFIED").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(users.path("byRole").path("PARTNER").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(users.path("byRole").path("RENTER").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(users.path("byRole").path("ADMIN").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(users.path("total").asLong()).as("every account has a role")
                .isLessThanOrEqualTo(sum(users.path("byRole"))).isPositive();

        JsonNode vehicles = overview.path("vehicles");
        assertThat(vehicles.path("pending").asLong()).as("the listing under review").isGreaterThanOrEqualTo(1);
        assertThat(vehicles.path("active").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(vehicles.path("bookable").asLong()).as("the approved vehicle").isGreaterThanOrEqualTo(1)
                .isLessThanOrEqualTo(vehicles.path("active").asLong());
        assertThat(vehicles.path("total").asLong()).isEqualTo(sum(vehicles.path("byStatus")));
        assertThat(vehicles.path("byStatus").path("PENDING_REVIEW").asLong()).isEqualTo(vehicles.path("pending").asLong());

        JsonNode bookings = overview.path("bookings");
        assertThat(sum(bookings.path("today"))).as("the hold made today (HELD, or EXPIRED once it lapsed)")
                .isGreaterThanOrEqualTo(1);
        for (var status : bookings.path("today").properties()) {
            assertThat(bookings.path("thisMonth").path(status.getKey()).asLong()).as("this month includes today: %s",
                    status.getKey()).isGreaterThanOrEqualTo(status.getValue().asLong());
        }

        JsonNode revenue = overview.path("revenue");
        Instant now = Instant.now();
        Instant from = Instant.parse(revenue.path("thisMonth").path("from").asString());
        assertThat(from).isBeforeOrEqualTo(now);
        assertThat(Instant.parse(revenue.path("thisMonth").path("to").asString())).isAfter(now.minusSeconds(60));
        assertThat(Instant.parse(revenue.path("lastMonth").path("to").asString())).isEqualTo(from);
        assertThat(revenue.path("thisMonth").path("currencies").isArray()).isTrue();

        JsonNode nodes = overview.path("storage").path("nodes");
        assertThat(nodes.path("live").asLong()).as("the running storage nodes").isGreaterThanOrEqualTo(1);
        assertThat(nodes.path("live").asLong() + nodes.path("stale").asLong() + nodes.path("dead").asLong())
                .isEqualTo(nodes.path("total").asLong());
        assertThat(overview.path("storage").path("underReplicatedChunks").asLong()).isNotNegative();
    }

    private static long sum(JsonNode counts) {
        long sum = 0;
        for (JsonNode n : counts) {
            sum += n.asLong();
        }
        return sum;
    }

    private static String list(Account partner, String city) {
        HttpResponse<String> listed = send(partner.as(Accounts.postJson("/api/partners/" + partner.id() + "/vehicles",
                BookingE2EIT.listing(city))));
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(201);
        return json(listed).path("id").asString();
    }
}
