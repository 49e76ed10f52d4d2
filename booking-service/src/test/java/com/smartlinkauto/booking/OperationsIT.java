package com.smartlinkauto.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** Health, the metrics the issue asks for, and the OpenAPI description. */
class OperationsIT extends BookingTestSupport {

    @Test
    void healthIsUpWithItsProbes() {
        assertThat(api.get("/actuator/health").send().expect(200).json().path("status").asString()).isEqualTo("UP");
        api.get("/actuator/health/liveness").send().expect(200);
        api.get("/actuator/health/readiness").send().expect(200);
    }

    @Test
    void holdsConflictsLockContentionReplaysAndLatencyAreCounted() {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        Instant pickup = minuteIn(Duration.ofDays(30));
        Party renter = renter();
        String key = UUID.randomUUID().toString();
        hold(renter, key, vehicle.id(), pickup, pickup.plus(Duration.ofDays(1))).expect(201);
        hold(renter, key, vehicle.id(), pickup, pickup.plus(Duration.ofDays(1))).expect(201);
        hold(renter(), vehicle.id(), pickup, pickup.plus(Duration.ofDays(1))).expect(409);

        String metrics = api.get("/actuator/prometheus").send().expect(200).body();
        assertThat(metrics).contains("smartlink_bookings_holds_total{application=\"booking-service\"",
                "outcome=\"created\"", "outcome=\"replayed\"", "outcome=\"conflict\"",
                "smartlink_bookings_hold_latency_seconds_bucket", "smartlink_bookings_status_changes_total",
                "smartlink_bookings_vehicle_reads_total", "resilience4j_circuitbreaker_state",
                "cache_gets_total{application=\"booking-service\",cache=\"vehicles\"");
        // the other outcomes appear once they happen (423 in ConcurrentHoldsIT, EXPIRED in the expiry IT)
    }

    @Test
    void theOpenApiDescriptionDocumentsTheBookingApi() {
        JsonNode doc = api.get("/v3/api-docs").send().expect(200).json();
        assertThat(doc.path("paths").has("/api/bookings")).isTrue();
        assertThat(doc.path("paths").has("/api/bookings/quote")).isTrue();
        assertThat(doc.path("paths").has("/api/bookings/{id}/cancel")).isTrue();
        // the cancellation preview, with its answer's shape (what the web UI's cancel dialog reads)
        assertThat(doc.path("paths").path("/api/bookings/{id}/cancellation").has("get")).isTrue();
        assertThat(doc.path("components").path("schemas").path("CancellationPreview").path("properties").properties()
                .stream().map(java.util.Map.Entry::getKey).toList())
                .contains("bookingId", "status", "cancellable", "reason", "refundAmount", "refundPercent", "currency",
                        "paidAmount", "policy", "asOf");
        assertThat(doc.path("paths").has("/api/partners/{partnerId}/bookings")).isTrue();
        // the dashboards are sent as the cached JSON text, documented with the views' schemas
        assertThat(doc.path("paths").path("/api/partners/{partnerId}/earnings").path("get").path("responses")
                .path("200").path("content").path("application/json").path("schema").path("$ref").asString())
                .endsWith("/EarningsView");
        assertThat(doc.path("paths").path("/api/admin/revenue").path("get").path("responses").path("200")
                .path("content").path("application/json").path("schema").path("$ref").asString())
                .endsWith("/RevenueView");
        assertThat(doc.path("components").path("schemas").path("EarningsView").path("properties").has("currencies"))
                .isTrue();
        assertThat(doc.path("paths").has("/api/admin/bookings")).isTrue();
        assertThat(doc.path("paths").has("/internal/bookings/{id}/confirm")).isTrue();
        assertThat(doc.path("paths").path("/internal/bookings/{id}").path("get").path("tags").toString())
                .contains("internal");
        JsonNode hold = doc.path("paths").path("/api/bookings").path("post");
        assertThat(hold.path("parameters").findValuesAsString("name")).contains("Idempotency-Key");
        assertThat(hold.path("responses").has("201")).isTrue();
        // the quote is public; the internal confirmation takes a service token
        assertThat(doc.path("paths").path("/api/bookings/quote").path("get").path("security").isArray()).isTrue();
        assertThat(doc.path("paths").path("/api/bookings/quote").path("get").path("security")).isEmpty();
        assertThat(doc.path("paths").path("/internal/bookings/{id}/confirm").path("post").path("security").toString())
                .contains("service");
        assertThat(doc.path("paths").path("/internal/bookings/{id}").path("get").path("security").toString())
                .contains("service");
    }
}
