package com.smartlinkauto.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventEnvelopeTest {

    private final JsonMapper json = ServicesJson.MAPPER;

    @Test
    void ofStampsIdTimeAndVersion() {
        var envelope = EventEnvelope.of("VehicleListed", "v-1", Map.of("make", "Skoda"));
        assertThat(envelope.eventId()).isNotNull();
        assertThat(envelope.version()).isEqualTo(1);
        assertThat(envelope.occurredAt()).isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void rejectsIncompleteEnvelopes() {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        assertThatThrownBy(() -> new EventEnvelope<>(id, " ", now, "a", 1, "p"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventEnvelope<>(id, "T", now, "", 1, "p"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventEnvelope<>(id, "T", now, "a", 0, "p"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventEnvelope<>(id, "T", now, "a", 1, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void serialisesWithTheDocumentedFieldNames() {
        var envelope = EventEnvelope.of("UserRegistered", "u-7", Map.of("email", "a@b.example"));
        JsonNode node = json.valueToTree(envelope);
        assertThat(node.propertyNames()).containsExactlyInAnyOrder("eventId", "type", "occurredAt", "aggregateId",
                "version", "payload");
        assertThat(node.get("aggregateId").asString()).isEqualTo("u-7");

        EventEnvelope<?> back = json.readValue(json.writeValueAsString(envelope), EventEnvelope.class);
        assertThat(back.eventId()).isEqualTo(envelope.eventId());
        assertThat(back.occurredAt()).isEqualTo(envelope.occurredAt());
    }

    @Test
    void deadLetterTopicsFollowTheConvention() {
        assertThat(Topics.deadLetter(Topics.BOOKING_EVENTS)).isEqualTo("booking.events.DLT");
        assertThatThrownBy(() -> Topics.deadLetter("nope")).isInstanceOf(IllegalArgumentException.class);
    }
}
