package com.smartlinkauto.user.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.user.Api;
import com.smartlinkauto.user.ApiTestSupport;
import com.smartlinkauto.user.UserServiceIT;

import tools.jackson.databind.JsonNode;

/** {@code vehicle.events} → the partner's notifications: one per relevant status change, idempotent. */
@UserServiceIT
class VehicleNotificationsIT extends ApiTestSupport {

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    private JsonNode awaitNotifications(String token, int count) {
        return Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> api.get("/api/users/me/notifications?size=20", token).json(),
                        page -> page.path("totalElements").asInt() == count);
    }

    private void publish(UUID eventId, String type, UUID vehicleId, String partnerId, String from, String to,
            String reason, String actorId) throws Exception {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("vehicleId", vehicleId.toString());
        payload.put("partnerId", partnerId);
        payload.put("fromStatus", from);
        payload.put("toStatus", to);
        payload.put("reason", reason);
        payload.put("actorId", actorId);
        payload.put("changedAt", Instant.now().toString());
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("eventId", eventId.toString());
        envelope.put("type", type);
        envelope.put("occurredAt", Instant.now().toString());
        envelope.put("aggregateId", vehicleId.toString());
        envelope.put("version", 1);
        envelope.put("payload", payload);
        kafka.send(Topics.VEHICLE_EVENTS, vehicleId.toString(), Api.JSON.writeValueAsBytes(envelope)).get();
    }

    @Test
    void aPartnerHearsOfEachVerificationChangeOfTheirVehicleOnce() throws Exception {
        Api.Account partner = api.registerPartner();
        String token = api.login(partner).accessToken();
        UUID vehicle = UUID.randomUUID();
        String admin = UUID.randomUUID().toString();

        UUID approved = UUID.randomUUID();
        publish(approved, "VehicleVerificationChanged", vehicle, partner.id(), "PENDING_REVIEW", "ACTIVE", null, admin);
        // a redelivery, another event type on the topic, and a retirement by the partner: no notification
        publish(approved, "VehicleVerificationChanged", vehicle, partner.id(), "PENDING_REVIEW", "ACTIVE", null, admin);
        publish(UUID.randomUUID(), "VehicleUpdated", vehicle, partner.id(), null, "ACTIVE", null, partner.id());
        publish(UUID.randomUUID(), "VehicleVerificationChanged", UUID.randomUUID(), partner.id(), "ACTIVE", "RETIRED",
                null, partner.id());
        publish(UUID.randomUUID(), "VehicleVerificationChanged", vehicle, partner.id(), "ACTIVE", "SUSPENDED",
                "Brakes <b>reported</b> unsafe", admin);
        publish(UUID.randomUUID(), "VehicleVerificationChanged", vehicle, partner.id(), "SUSPENDED", "ACTIVE", null,
                admin);
        UUID rejectedVehicle = UUID.randomUUID();
        publish(UUID.randomUUID(), "VehicleVerificationChanged", rejectedVehicle, partner.id(), "PENDING_REVIEW",
                "REJECTED", "Photos are blurred", admin);
        publish(UUID.randomUUID(), "VehicleVerificationChanged", rejectedVehicle, partner.id(), "REJECTED",
                "PENDING_REVIEW", null, partner.id());
        publish(UUID.randomUUID(), "VehicleVerificationChanged", vehicle, partner.id(), "ACTIVE", "RETIRED",
                "Partner account closed", null);

        JsonNode page = awaitNotifications(token, 6);
        List<String> types = new ArrayList<>();
        page.path("items").forEach(item -> types.add(item.path("type").asString()));
        assertThat(types).containsExactlyInAnyOrder("VEHICLE_APPROVED", "VEHICLE_SUSPENDED", "VEHICLE_REACTIVATED",
                "VEHICLE_REJECTED", "VEHICLE_UNDER_REVIEW", "VEHICLE_RETIRED");
        JsonNode suspended = find(page, "VEHICLE_SUSPENDED");
        assertThat(suspended.path("title").asString()).contains("suspended");
        assertThat(suspended.path("body").asString()).contains(vehicle.toString())
                .contains("Reason: Brakes <b>reported</b> unsafe");
        assertThat(find(page, "VEHICLE_REJECTED").path("body").asString()).contains("Photos are blurred");
        assertThat(find(page, "VEHICLE_RETIRED").path("body").asString()).contains("Partner account closed");

        // nothing more arrives (the duplicate and the partner's own retirement stay silent)
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(
                () -> api.get("/api/users/me/notifications", token).json().path("totalElements").asInt() == 6);
    }

    private static JsonNode find(JsonNode page, String type) {
        for (JsonNode item : page.path("items")) {
            if (item.path("type").asString().equals(type)) {
                return item;
            }
        }
        throw new AssertionError("no " + type + " in " + page);
    }
}
