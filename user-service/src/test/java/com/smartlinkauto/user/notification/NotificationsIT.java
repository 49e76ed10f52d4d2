package com.smartlinkauto.user.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.user.Api;
import com.smartlinkauto.user.ApiTestSupport;
import com.smartlinkauto.testsupport.kafka.KafkaProbe;
import com.smartlinkauto.user.UserServiceIT;

import tools.jackson.databind.JsonNode;

/** {@code /api/users/me/notifications}, fed by {@code user.events}: paging, unread count, read marks, idempotency. */
@UserServiceIT
class NotificationsIT extends ApiTestSupport {

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Environment environment;

    String admin;

    @BeforeEach
    void client() {
        admin = api.adminToken();
    }

    private JsonNode awaitNotifications(String token, int count) {
        return Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/users/me/notifications?size=2", token).json(),
                        page -> page.path("totalElements").asInt() == count);
    }

    private void decide(String partnerId, String status, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("reason", reason);
        assertThat(api.patch("/api/admin/partners/" + partnerId + "/verification", body, admin).status())
                .isEqualTo(200);
    }

    @Test
    void everyVerificationChangeNotifiesThePartner() {
        Api.Account partner = api.registerPartner();
        String token = api.login(partner).accessToken();
        assertThat(api.get("/api/users/me/notifications", token).json().path("unreadCount").asInt()).isZero();

        decide(partner.id(), "REJECTED", "Missing <b>licence</b>");
        awaitNotifications(token, 1);
        assertThat(api.post("/api/partners/me/resubmit", null, token).status()).isEqualTo(200);
        awaitNotifications(token, 2);
        decide(partner.id(), "VERIFIED", null);
        JsonNode page = awaitNotifications(token, 3);

        assertThat(page.path("page").asInt()).isZero();
        assertThat(page.path("size").asInt()).isEqualTo(2);
        assertThat(page.path("totalPages").asInt()).isEqualTo(2);
        assertThat(page.path("unreadCount").asInt()).isEqualTo(3);
        assertThat(page.path("items").size()).isEqualTo(2);
        JsonNode newest = page.path("items").get(0);
        assertThat(newest.path("type").asString()).isEqualTo("PARTNER_VERIFIED");
        assertThat(newest.path("title").asString()).contains("verified");
        assertThat(newest.path("read").asBoolean()).isFalse();
        JsonNode oldest = api.get("/api/users/me/notifications?size=2&page=1", token).json().path("items").get(0);
        assertThat(oldest.path("type").asString()).isEqualTo("PARTNER_REJECTED");
        assertThat(oldest.path("title").asString()).contains("rejected");
        assertThat(oldest.path("body").asString()).contains("Missing <b>licence</b>");

        String id = newest.path("id").asString();
        assertThat(api.post("/api/users/me/notifications/" + id + "/read", null, token).status()).isEqualTo(204);
        assertThat(api.post("/api/users/me/notifications/" + id + "/read", null, token).status()).isEqualTo(204);
        JsonNode after = api.get("/api/users/me/notifications", token).json();
        assertThat(after.path("unreadCount").asInt()).isEqualTo(2);
        assertThat(after.path("items").get(0).path("read").asBoolean()).isTrue();
        assertThat(after.path("items").get(0).path("readAt").asString()).isNotBlank();
    }

    @Test
    void aUserCanReadAndMarkOnlyTheirOwnNotifications() {
        Api.Account partner = api.registerPartner();
        String token = api.login(partner).accessToken();
        decide(partner.id(), "VERIFIED", null);
        String id = awaitNotifications(token, 1).path("items").get(0).path("id").asString();

        String stranger = api.login(api.registerRenter()).accessToken();
        assertThat(api.get("/api/users/me/notifications", stranger).json().path("totalElements").asInt()).isZero();
        api.post("/api/users/me/notifications/" + id + "/read", null, stranger).assertProblem(404, "not-found");
        api.post("/api/users/me/notifications/" + UUID.randomUUID() + "/read", null, token)
                .assertProblem(404, "not-found");
        api.post("/api/users/me/notifications/not-a-uuid/read", null, token).assertProblem(400, "malformed-request");
        api.get("/api/users/me/notifications?size=0", token).assertProblem(400, "validation");
        assertThat(api.get("/api/users/me/notifications", token).json().path("unreadCount").asInt()).isOne();
    }

    @Test
    void aRedeliveredEventNotifiesOnceAndPoisonIsParkedOnTheDeadLetterTopic() throws Exception {
        Api.Account partner = api.registerPartner();
        String token = api.login(partner).accessToken();
        byte[] event = envelope(UUID.randomUUID(), partner.id(), "PENDING", "VERIFIED");
        kafka.send(Topics.USER_EVENTS, partner.id(), event).get();
        kafka.send(Topics.USER_EVENTS, partner.id(), event).get();
        // a later, different event for the same key arrives after both copies (one partition per key)
        kafka.send(Topics.USER_EVENTS, partner.id(), envelope(UUID.randomUUID(), partner.id(), "VERIFIED", "REJECTED"))
                .get();
        JsonNode page = awaitNotifications(token, 2);
        assertThat(page.path("items").get(0).path("title").asString()).contains("suspended");
        assertThat(jdbc.queryForObject("select count(*) from notifications where user_id = ?::uuid", Integer.class,
                partner.id())).isEqualTo(2);

        String poisonKey = "poison-" + UUID.randomUUID();
        kafka.send(Topics.USER_EVENTS, poisonKey, "{not json".getBytes()).get();
        try (KafkaProbe dlt = new KafkaProbe(environment.getProperty("spring.kafka.bootstrap-servers"),
                Topics.deadLetter(Topics.USER_EVENTS))) {
            assertThat(dlt.await(record -> poisonKey.equals(record.key())).value()).isEqualTo("{not json".getBytes());
        }
    }

    private static byte[] envelope(UUID eventId, String partnerId, String from, String to) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("partnerId", partnerId);
        payload.put("from", from);
        payload.put("to", to);
        payload.put("reason", "REJECTED".equals(to) ? "test" : null);
        payload.put("changedBy", UUID.randomUUID().toString());
        payload.put("changedAt", Instant.now().toString());
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("eventId", eventId.toString());
        envelope.put("type", "PartnerVerificationChanged");
        envelope.put("occurredAt", Instant.now().toString());
        envelope.put("aggregateId", partnerId);
        envelope.put("version", 1);
        envelope.put("payload", payload);
        return Api.JSON.writeValueAsBytes(envelope);
    }
}
