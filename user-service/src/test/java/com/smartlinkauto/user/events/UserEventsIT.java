package com.smartlinkauto.user.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.user.Api;
import com.smartlinkauto.user.ApiTestSupport;
import com.smartlinkauto.testsupport.kafka.KafkaProbe;
import com.smartlinkauto.user.UserServiceIT;

import tools.jackson.databind.JsonNode;

/** UserRegistered, PartnerRegistered and PartnerVerificationChanged reach {@code user.events} through the outbox. */
@UserServiceIT
class UserEventsIT extends ApiTestSupport {

    @Autowired
    Environment environment;

    @Autowired
    JdbcTemplate jdbc;

    KafkaProbe events;

    @BeforeEach
    void client() {
        events = new KafkaProbe(environment.getProperty("spring.kafka.bootstrap-servers"), Topics.USER_EVENTS);
    }

    @AfterEach
    void close() {
        events.close();
    }

    private static void assertEnvelope(JsonNode event, String type, String aggregateId) {
        assertThat(UUID.fromString(event.path("eventId").asString())).isNotNull();
        assertThat(event.path("type").asString()).isEqualTo(type);
        assertThat(event.path("aggregateId").asString()).isEqualTo(aggregateId);
        assertThat(event.path("version").asInt()).isEqualTo(1);
        assertThat(event.path("occurredAt").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
    }

    @Test
    void signUpsArePublishedKeyedByTheUserId() {
        Api.Account renter = api.registerRenter();
        Api.Account partner = api.registerPartner();

        JsonNode renterRegistered = events.awaitEvent("UserRegistered", renter.id());
        assertEnvelope(renterRegistered, "UserRegistered", renter.id());
        assertThat(renterRegistered.path("payload").path("userId").asString()).isEqualTo(renter.id());
        assertThat(renterRegistered.path("payload").path("email").asString()).isEqualTo(renter.email());
        assertThat(renterRegistered.path("payload").path("roles").toString()).isEqualTo("[\"RENTER\"]");
        assertThat(renterRegistered.toString()).doesNotContainIgnoringCase("password").doesNotContain("$2a$");

        JsonNode partnerUser = events.awaitEvent("UserRegistered", partner.id());
        assertThat(partnerUser.path("payload").path("roles").toString()).isEqualTo("[\"PARTNER\"]");
        ConsumerRecord<String, byte[]> partnerRegistered = events.await(r -> partner.id().equals(r.key())
                && "PartnerRegistered".equals(KafkaProbe.json(r).path("type").asString()));
        JsonNode payload = KafkaProbe.json(partnerRegistered).path("payload");
        assertThat(payload.path("partnerId").asString()).isEqualTo(partner.id());
        assertThat(payload.path("verificationStatus").asString()).isEqualTo("PENDING");
        assertThat(new String(partnerRegistered.headers().lastHeader("eventType").value()))
                .contains("PartnerRegistered");
    }

    @Test
    void verificationChangesArePublishedAndTheOutboxDrains() {
        Api.Account partner = api.registerPartner();
        String admin = api.adminToken();
        String adminId = api.get("/api/users/me", admin).text("id");
        api.patch("/api/admin/partners/" + partner.id() + "/verification",
                Map.of("status", "REJECTED", "reason", "Blurred photo"), admin);

        JsonNode changed = events.awaitEvent("PartnerVerificationChanged", partner.id());
        assertEnvelope(changed, "PartnerVerificationChanged", partner.id());
        JsonNode payload = changed.path("payload");
        assertThat(payload.path("from").asString()).isEqualTo("PENDING");
        assertThat(payload.path("to").asString()).isEqualTo("REJECTED");
        assertThat(payload.path("reason").asString()).isEqualTo("Blurred photo");
        assertThat(payload.path("changedBy").asString()).isEqualTo(adminId);

        // sent publications are deleted from the outbox (completion mode DELETE)
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from event_publication where serialized_event like ?", Integer.class,
                "%" + partner.id() + "%") == 0);
    }
}
