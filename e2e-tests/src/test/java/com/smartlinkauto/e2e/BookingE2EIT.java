package com.smartlinkauto.e2e;

import static com.smartlinkauto.e2e.Accounts.newAccount;
import static com.smartlinkauto.e2e.Platform.gateway;
import static com.smartlinkauto.e2e.Platform.json;
import static com.smartlinkauto.e2e.Platform.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.smartlinkauto.e2e.Accounts.Account;

import tools.jackson.databind.JsonNode;

/**
 * The booking engine through the gateway only (issue #12): a verified partner lists a vehicle, an admin approves
 * it, a renter finds it, quotes, holds it with an {@code Idempotency-Key} (a replay answers the same), a second
 * renter's overlapping hold is refused, the car leaves the search for those dates (booking.events reach
 * vehicle-service's projection), the hold lapses and the car is back. The platform must run with the e2e settings
 * ({@code ./smartlink test}, or {@code ./smartlink up --e2e}): holds of 20 s and a sweeper every second.
 */
class BookingE2EIT {

    /** ISO 3779 alphabet: digits and A-Z without I, O and Q. */
    private static final String VIN_ALPHABET = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";
    private static final SplittableRandom RANDOM = new SplittableRandom();
    /** The longest hold the e2e settings allow for (they set 20 s; production's 10 min would stall this test). */
    private static final Duration E2E_HOLD_AT_MOST = Duration.ofSeconds(90);

    @Test
    void aRenterHoldsAFoundCarOnceOthersAreRefusedAndTheLapsedHoldFreesIt() {
        Account admin = Accounts.admin();
        Account partner = newAccount("/api/partners", "partner");
        Accounts.setPartnerVerification(admin, partner.id(), "VERIFIED", null);
        Account renter = newAccount("/api/auth/register", "renter");
        Account rival = newAccount("/api/auth/register", "renter");
        Account stranger = newAccount("/api/auth/register", "renter");

        String city = "E2E-Book-" + UUID.randomUUID().toString().substring(0, 12);
        HttpResponse<String> listed = send(partner.as(Accounts.postJson("/api/partners/" + partner.id() + "/vehicles",
                listing(city))));
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(201);
        String vehicleId = json(listed).path("id").asString();
        HttpResponse<String> approved = send(admin.as(gateway("/api/admin/vehicles/" + vehicleId + "/verification"))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"status\":\"ACTIVE\",\"reason\":\"e2e booking\"}")));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);

        // three days, whole hours, a month ahead
        Instant pickup = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        Instant giveBack = pickup.plus(3, ChronoUnit.DAYS);
        String search = "/api/vehicles?city=" + encode(city) + "&from=" + encode(pickup.toString()) + "&to="
                + encode(giveBack.toString());
        Awaitility.await("the approved vehicle in the search").atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofMillis(500)).until(() -> ids(send(gateway(search))).contains(vehicleId));

        // the quote: public, per started 24 h, 10 % fee
        String range = "vehicleId=" + vehicleId + "&pickupAt=" + encode(pickup.toString()) + "&returnAt="
                + encode(giveBack.toString());
        HttpResponse<String> quoted = send(gateway("/api/bookings/quote?" + range));
        assertThat(quoted.statusCode()).as(quoted.body()).isEqualTo(200);
        JsonNode quote = json(quoted);
        assertThat(quote.path("days").asInt()).isEqualTo(3);
        assertThat(quote.path("pricePerDay").decimalValue()).isEqualByComparingTo("49.90");
        assertThat(quote.path("subtotal").decimalValue()).isEqualByComparingTo("149.70");
        assertThat(quote.path("serviceFee").decimalValue()).isEqualByComparingTo("14.97");
        assertThat(quote.path("total").decimalValue()).isEqualByComparingTo("164.67");
        assertThat(quote.path("currency").asString()).isEqualTo("EUR");
        HttpResponse<String> oneHourMore = send(renter.as(gateway("/api/bookings/quote?vehicleId=" + vehicleId
                + "&pickupAt=" + encode(pickup.toString()) + "&returnAt=" + encode(giveBack.plus(1, ChronoUnit.HOURS).toString()))));
        assertThat(oneHourMore.statusCode()).as(oneHourMore.body()).isEqualTo(200);
        assertThat(json(oneHourMore).path("days").asInt()).as("a started day counts").isEqualTo(4);

        // the hold, with an Idempotency-Key
        String key = "e2e-" + UUID.randomUUID();
        String body = "{\"vehicleId\":\"%s\",\"pickupAt\":\"%s\",\"returnAt\":\"%s\"}".formatted(vehicleId, pickup, giveBack);
        HttpResponse<String> held = send(renter.as(Accounts.postJson("/api/bookings", body)).header("Idempotency-Key", key));
        assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
        JsonNode booking = json(held);
        String bookingId = booking.path("id").asString();
        assertThat(booking.path("status").asString()).isEqualTo("HELD");
        assertThat(booking.path("vehicleId").asString()).isEqualTo(vehicleId);
        assertThat(booking.path("renterId").asString()).isEqualTo(renter.id());
        assertThat(Instant.parse(booking.path("pickupAt").asString())).isEqualTo(pickup);
        assertThat(Instant.parse(booking.path("returnAt").asString())).isEqualTo(giveBack);
        assertThat(booking.path("pricePerDay").decimalValue()).isEqualByComparingTo("49.90");
        assertThat(booking.path("total").decimalValue()).isEqualByComparingTo("164.67");
        assertThat(booking.path("currency").asString()).isEqualTo("EUR");
        assertThat(held.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/api/bookings/" + bookingId));
        assertThat(held.headers().firstValue("Idempotent-Replayed")).isEmpty();
        Instant holdExpiresAt = Instant.parse(booking.path("holdExpiresAt").asString());
        assertThat(Duration.between(Instant.now(), holdExpiresAt))
                .as("the hold's length: the platform must run with the e2e settings (./smartlink test, or "
                        + "./smartlink up --e2e: SMARTLINK_BOOKINGS_HOLD_DURATION=20s)")
                .isPositive().isLessThanOrEqualTo(E2E_HOLD_AT_MOST);

        // the same key and body again: the stored answer, byte for byte, marked as a replay
        HttpResponse<String> replay = send(renter.as(Accounts.postJson("/api/bookings", body)).header("Idempotency-Key", key));
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(201);
        assertThat(replay.body()).isEqualTo(held.body());
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");

        // a second renter, overlapping dates: refused, and told which interval is taken (never by whom)
        String overlapping = "{\"vehicleId\":\"%s\",\"pickupAt\":\"%s\",\"returnAt\":\"%s\"}".formatted(vehicleId,
                pickup.plus(1, ChronoUnit.DAYS), giveBack.plus(1, ChronoUnit.DAYS));
        HttpResponse<String> conflict = send(rival.as(Accounts.postJson("/api/bookings", overlapping))
                .header("Idempotency-Key", "e2e-" + UUID.randomUUID()));
        assertThat(conflict.statusCode()).as(conflict.body()).isEqualTo(409);
        assertThat(conflict.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(conflict);
        assertThat(problem.path("type").asString()).isEqualTo("https://smartlinkauto.com/problems/booking-conflict");
        assertThat(problem.path("status").asInt()).isEqualTo(409);
        assertThat(problem.path("correlationId").asString()).isNotBlank();
        assertThat(conflict.body()).doesNotContain(renter.id()).doesNotContain(bookingId);

        // the car leaves the search for those dates (BookingHeld -> vehicle-service), while the hold lasts
        Awaitility.await("the held car leaves the search").atMost(remaining(holdExpiresAt))
                .pollInterval(Duration.ofMillis(250)).until(() -> !ids(send(gateway(search))).contains(vehicleId));

        // who sees the booking: its renter, the vehicle's partner, the admin; another renter gets a 404
        HttpResponse<String> own = send(renter.as(gateway("/api/bookings/" + bookingId)));
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(json(own).path("id").asString()).isEqualTo(bookingId);
        assertThat(ids(send(renter.as(gateway("/api/bookings/me"))))).as("the renter's bookings").containsExactly(bookingId);
        assertThat(ids(send(partner.as(gateway("/api/partners/me/bookings"))))).as("the partner's bookings")
                .containsExactly(bookingId);
        assertThat(ids(send(partner.as(gateway("/api/partners/" + partner.id() + "/bookings")))))
                .as("the partner's bookings by id").containsExactly(bookingId);
        assertThat(send(partner.as(gateway("/api/bookings/" + bookingId))).statusCode()).as("the partner reads it")
                .isEqualTo(200);
        assertThat(ids(send(admin.as(gateway("/api/admin/bookings?vehicleId=" + vehicleId))))).as("the admin's list")
                .containsExactly(bookingId);
        assertThat(send(admin.as(gateway("/api/bookings/" + bookingId))).statusCode()).as("the admin reads it").isEqualTo(200);
        HttpResponse<String> foreign = send(stranger.as(gateway("/api/bookings/" + bookingId)));
        assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(404);
        assertThat(foreign.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        HttpResponse<String> foreignCancel = send(stranger.as(Accounts.postJson("/api/bookings/" + bookingId + "/cancel", "{}")));
        assertThat(foreignCancel.statusCode()).as(foreignCancel.body()).isEqualTo(404);
        assertThat(ids(send(rival.as(gateway("/api/bookings/me"))))).as("the refused renter has no booking").isEmpty();
        assertThat(send(stranger.as(gateway("/api/admin/bookings"))).statusCode()).as("a renter at the admins' list")
                .isEqualTo(403);
        assertThat(send(gateway("/api/bookings/" + bookingId)).statusCode()).as("anonymous").isEqualTo(401);

        // the hold lapses (nobody paid): EXPIRED, and the car is back for those dates
        Awaitility.await("the hold expires").atMost(remaining(holdExpiresAt).plusSeconds(30))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    HttpResponse<String> now = send(renter.as(gateway("/api/bookings/" + bookingId)));
                    assertThat(now.statusCode()).as(now.body()).isEqualTo(200);
                    assertThat(json(now).path("status").asString()).isEqualTo("EXPIRED");
                });
        Awaitility.await("the car is back in the search").atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofMillis(500)).until(() -> ids(send(gateway(search))).contains(vehicleId));
        assertThat(ids(send(admin.as(gateway("/api/admin/bookings?status=EXPIRED&vehicleId=" + vehicleId)))))
                .containsExactly(bookingId);

        // and the slot is free again: the second renter now gets it
        HttpResponse<String> second = send(rival.as(Accounts.postJson("/api/bookings", overlapping))
                .header("Idempotency-Key", "e2e-" + UUID.randomUUID()));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        String secondId = json(second).path("id").asString();
        HttpResponse<String> cancelled = send(rival.as(Accounts.postJson("/api/bookings/" + secondId + "/cancel",
                "{\"reason\":\"e2e: changed plans\"}")));
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(json(cancelled).path("status").asString()).isEqualTo("CANCELLED");

        // booking-service keeps the vehicle (5 min at most) and forgets it when vehicle.events says it changed:
        // quoted on every instance first (the gateway alternates), a new price reaches the quotes, and a new
        // blackout the holds, within seconds
        for (int i = 0; i < 4; i++) {
            assertThat(json(send(gateway("/api/bookings/quote?" + range))).path("pricePerDay").decimalValue())
                    .isEqualByComparingTo("49.90");
        }
        HttpResponse<String> repriced = send(partner.as(gateway("/api/vehicles/" + vehicleId))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"basePricePerDay\":59.90}")));
        assertThat(repriced.statusCode()).as(repriced.body()).isEqualTo(200);
        Awaitility.await("the new price in every instance's quotes").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    for (int i = 0; i < 4; i++) {
                        HttpResponse<String> now = send(gateway("/api/bookings/quote?" + range));
                        assertThat(now.statusCode()).as(now.body()).isEqualTo(200);
                        assertThat(json(now).path("pricePerDay").decimalValue()).isEqualByComparingTo("59.90");
                    }
                });
        HttpResponse<String> blackedOut = send(partner.as(Accounts.postJson("/api/vehicles/" + vehicleId + "/blackouts",
                "{\"from\":\"%s\",\"to\":\"%s\",\"reason\":\"e2e maintenance\"}".formatted(pickup, giveBack))));
        assertThat(blackedOut.statusCode()).as(blackedOut.body()).isEqualTo(201);
        Awaitility.await("the blackout refuses holds on every instance").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    for (int i = 0; i < 4; i++) {
                        HttpResponse<String> refused = send(stranger.as(Accounts.postJson("/api/bookings", overlapping))
                                .header("Idempotency-Key", "e2e-" + UUID.randomUUID()));
                        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
                        assertThat(refused.body()).contains("vehicle-blacked-out");
                    }
                });
    }

    /**
     * booking-service runs as several instances (platform.layout: booking-service:2:18084), every one registered in
     * Eureka, and the gateway spreads requests over them.
     */
    @Test
    void everyBookingServiceInstanceIsRegisteredAndServesTheGatewaysRequests() {
        HttpRequest.Builder apps = Platform.request(Platform.EUREKA + "/eureka/apps/BOOKING-SERVICE")
                .header("Accept", "application/json");
        Platform.secret("DISCOVERY_DASHBOARD_PASSWORD")
                .ifPresent(password -> apps.header("Authorization", Platform.basic("dashboard", password)));
        HttpResponse<String> registered = send(apps);
        assertThat(registered.statusCode()).as("Eureka BOOKING-SERVICE: %s", registered.body()).isEqualTo(200);
        List<String> instances = new ArrayList<>();
        for (JsonNode instance : json(registered).path("application").path("instance")) {
            if ("UP".equals(instance.path("status").asString())) {
                instances.add("http://" + instance.path("ipAddr").asString() + ":" + instance.path("port").path("$").asInt());
            }
        }
        assertThat(instances).as("booking-service instances UP in Eureka").hasSizeGreaterThanOrEqualTo(2);

        Map<String, Double> before = new LinkedHashMap<>();
        instances.forEach(instance -> before.put(instance, quotesServed(instance)));
        String range = "vehicleId=" + UUID.randomUUID() + "&pickupAt="
                + encode(Instant.now().plus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS).toString()) + "&returnAt="
                + encode(Instant.now().plus(41, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS).toString());
        for (int i = 0; i < 4 * instances.size(); i++) {
            HttpResponse<String> unknown = send(gateway("/api/bookings/quote?" + range));
            assertThat(unknown.statusCode()).as("a quote for an unknown vehicle: %s", unknown.body()).isEqualTo(404);
        }
        for (String instance : instances) {
            assertThat(quotesServed(instance)).as("quotes served by %s", instance).isGreaterThan(before.get(instance));
        }
    }

    /** The quote requests an instance has answered ({@code http_server_requests_seconds_count}, its actuator). */
    private static double quotesServed(String instance) {
        HttpResponse<String> metrics = send(Platform.request(instance + "/actuator/prometheus"));
        assertThat(metrics.statusCode()).as("%s/actuator/prometheus", instance).isEqualTo(200);
        return metrics.body().lines().filter(l -> l.startsWith("http_server_requests_seconds_count{"))
                .filter(l -> l.contains("uri=\"/api/bookings/quote\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** The time until an instant (at least 100 ms: Awaitility wants a positive bound). */
    static Duration remaining(Instant until) {
        Duration left = Duration.between(Instant.now(), until);
        return left.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : left;
    }

    /** The ids of a page's items (search results, booking lists). */
    static List<String> ids(HttpResponse<String> page) {
        assertThat(page.statusCode()).as("%s: %s", page.uri(), page.body()).isEqualTo(200);
        return StreamSupport.stream(json(page).path("items").spliterator(), false).map(i -> i.path("id").asString())
                .toList();
    }

    static String listing(String city) {
        StringBuilder vin = new StringBuilder(17);
        for (int i = 0; i < 17; i++) {
            vin.append(VIN_ALPHABET.charAt(RANDOM.nextInt(VIN_ALPHABET.length())));
        }
        return """
                {"make":"Volkswagen","model":"Golf","year":2022,"vin":"%s","licensePlate":"E2E-%d",
                 "basePricePerDay":49.90,"currency":"EUR",
                 "location":{"city":"%s","country":"DE","latitude":52.5200,"longitude":13.4050},
                 "seats":5,"transmission":"MANUAL","fuelType":"PETROL",
                 "description":"Booked by the e2e suite","features":["bluetooth"],"turnaroundMinutes":60}
                """.formatted(vin, RANDOM.nextInt(100_000, 1_000_000), city);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
