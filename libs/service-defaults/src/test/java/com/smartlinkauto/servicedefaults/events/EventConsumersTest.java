package com.smartlinkauto.servicedefaults.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.user.PartnerRegistered;
import com.smartlinkauto.contracts.events.user.PartnerVerificationChanged;
import com.smartlinkauto.contracts.events.user.UserEventTypes;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.validation.Validation;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading, dispatch and the refusal of unreadable records, without a database (de-duplication and
 * transactions against real PostgreSQL and Kafka: test-support's {@code EventConsumersIT}).
 */
class EventConsumersTest {

    private static final String CONSUMER = "test.consumer";

    // like the services' mapper: request bodies with unknown fields are refused there
    private final JsonMapper json = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final EventConsumers consumers = new EventConsumers(json,
            Validation.buildDefaultValidatorFactory().getValidator(), null, null, meters);

    private final List<EventEnvelope<PartnerVerificationChanged>> changes = new ArrayList<>();
    private final List<EventEnvelope<PartnerRegistered>> registrations = new ArrayList<>();

    private EventConsumer consumer() {
        return consumers.consumer(CONSUMER).withoutDeduplication()
                .on(UserEventTypes.PARTNER_VERIFICATION_CHANGED, PartnerVerificationChanged.class, changes::add)
                .on(UserEventTypes.PARTNER_REGISTERED, PartnerRegistered.class, registrations::add)
                .build();
    }

    private static ConsumerRecord<String, byte[]> record(byte[] value) {
        return new ConsumerRecord<>(Topics.USER_EVENTS, 0, 7L, "key", value);
    }

    private ConsumerRecord<String, byte[]> record(Object envelope) {
        return record(json.writeValueAsBytes(envelope));
    }

    private static Map<String, Object> envelope(String type, Object payload) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("eventId", UUID.randomUUID().toString());
        envelope.put("type", type);
        envelope.put("occurredAt", "2026-12-01T10:00:00Z");
        envelope.put("aggregateId", "p-1");
        envelope.put("version", 1);
        envelope.put("payload", payload);
        return envelope;
    }

    private static Map<String, Object> change(UUID partnerId) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("partnerId", partnerId.toString());
        payload.put("from", "PENDING");
        payload.put("to", "VERIFIED");
        payload.put("reason", null);
        payload.put("changedBy", UUID.randomUUID().toString());
        payload.put("changedAt", "2026-12-01T10:00:00.123Z");
        return payload;
    }

    private double count(String type, String outcome) {
        var counter = meters.find(EventConsumer.METRIC).tags("consumer", CONSUMER, "type", type, "outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void eachTypeReachesItsHandlerAsItsPayloadRecord() {
        UUID partner = UUID.randomUUID();
        var sent = EventEnvelope.of(UserEventTypes.PARTNER_VERIFICATION_CHANGED, partner.toString(),
                new PartnerVerificationChanged(partner, "PENDING", "REJECTED", "blurred", UUID.randomUUID(),
                        Instant.parse("2026-12-01T10:00:00.123456Z")));
        var registered = EventEnvelope.of(UserEventTypes.PARTNER_REGISTERED, partner.toString(),
                new PartnerRegistered(partner, "p@x.example", "Pat", "Ner", "PENDING", Instant.now()));
        EventConsumer consumer = consumer();

        consumer.accept(record(sent));
        consumer.accept(record(registered));

        assertThat(changes).containsExactly(sent);
        assertThat(registrations).containsExactly(registered);
        assertThat(count(UserEventTypes.PARTNER_VERIFICATION_CHANGED, "handled")).isOne();
        assertThat(count(UserEventTypes.PARTNER_REGISTERED, "handled")).isOne();
    }

    @Test
    void typesWithoutAHandlerAreIgnoredUnread() {
        EventConsumer consumer = consumer();
        // the payload would not even fit a known record: it is never read
        consumer.accept(record(envelope(UserEventTypes.USER_REGISTERED, Map.of("userId", "not-a-uuid"))));
        consumer.accept(record(envelope("Something new; DROP TABLE x", Map.of())));

        assertThat(changes).isEmpty();
        assertThat(registrations).isEmpty();
        assertThat(count(UserEventTypes.USER_REGISTERED, "ignored")).isOne();
        // a type outside the tag's alphabet does not become a tag value of its own
        assertThat(count("other", "ignored")).isOne();
    }

    @Test
    void fieldsTheRecordsDoNotKnowAreIgnored() {
        UUID partner = UUID.randomUUID();
        Map<String, Object> payload = change(partner);
        payload.put("addedLater", List.of(1, 2));
        Map<String, Object> envelope = envelope(UserEventTypes.PARTNER_VERIFICATION_CHANGED, payload);
        envelope.put("traceId", "abc");

        consumer().accept(record(envelope));

        assertThat(changes).singleElement().satisfies(event -> {
            assertThat(event.payload().partnerId()).isEqualTo(partner);
            assertThat(event.payload().to()).isEqualTo("VERIFIED");
            assertThat(event.payload().reason()).isNull();
            assertThat(event.payload().changedAt()).isEqualTo(Instant.parse("2026-12-01T10:00:00.123Z"));
            assertThat(event.aggregateId()).isEqualTo("p-1");
        });
    }

    @Test
    void recordsThatAreNotAnEnvelopeAreRefusedAsUnreadable() {
        EventConsumer consumer = consumer();
        assertThatThrownBy(() -> consumer.accept(record("{not json".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> consumer.accept(record("[1, 2]".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(JacksonException.class);
        Map<String, Object> noId = envelope(UserEventTypes.PARTNER_VERIFICATION_CHANGED, change(UUID.randomUUID()));
        noId.remove("eventId");
        assertThatThrownBy(() -> consumer.accept(record(noId))).isInstanceOf(JacksonException.class)
                .hasMessageContaining("eventId");
        Map<String, Object> noPayload = envelope(UserEventTypes.PARTNER_VERIFICATION_CHANGED, null);
        noPayload.remove("payload");
        assertThatThrownBy(() -> consumer.accept(record(noPayload))).isInstanceOf(JacksonException.class)
                .hasMessageContaining("payload");
        assertThatThrownBy(() -> consumer.accept(record("null".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class);
        // a tombstone
        assertThatThrownBy(() -> consumer.accept(record((byte[]) null))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user.events-0@7");

        assertThat(count("unknown", "invalid")).isEqualTo(6);
        assertThat(changes).isEmpty();
    }

    @Test
    void payloadsOfTheWrongShapeAreRefusedAsUnreadable() {
        EventConsumer consumer = consumer();
        Map<String, Object> badId = change(UUID.randomUUID());
        badId.put("partnerId", "not-a-uuid");
        assertThatThrownBy(() -> consumer.accept(record(envelope(UserEventTypes.PARTNER_VERIFICATION_CHANGED, badId))))
                .isInstanceOf(JacksonException.class);
        Map<String, Object> badTime = change(UUID.randomUUID());
        badTime.put("changedAt", "yesterday");
        assertThatThrownBy(() -> consumer.accept(record(envelope(UserEventTypes.PARTNER_VERIFICATION_CHANGED, badTime))))
                .isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> consumer.accept(record(envelope(UserEventTypes.PARTNER_VERIFICATION_CHANGED, "text"))))
                .isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> consumer.accept(record(envelope(UserEventTypes.PARTNER_VERIFICATION_CHANGED, null))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no payload");

        assertThat(count(UserEventTypes.PARTNER_VERIFICATION_CHANGED, "invalid")).isEqualTo(4);
        assertThat(changes).isEmpty();
    }

    @Test
    void payloadsWithoutARequiredComponentAreRefusedNamingIt() {
        Map<String, Object> payload = change(UUID.randomUUID());
        payload.remove("to");
        payload.put("changedAt", null);
        Map<String, Object> envelope = envelope(UserEventTypes.PARTNER_VERIFICATION_CHANGED, payload);

        assertThatThrownBy(() -> consumer().accept(record(envelope))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("PartnerVerificationChanged event " + envelope.get("eventId")
                        + " is incomplete: changedAt ")
                .hasMessageContaining(", to ");
        assertThat(changes).isEmpty();
        assertThat(count(UserEventTypes.PARTNER_VERIFICATION_CHANGED, "invalid")).isOne();
    }

    @Test
    void whatTheHandlerThrowsReachesTheContainerUncounted() {
        EventConsumer consumer = consumers.consumer(CONSUMER).withoutDeduplication()
                .on(UserEventTypes.PARTNER_VERIFICATION_CHANGED, PartnerVerificationChanged.class, event -> {
                    throw new IllegalStateException("database down");
                }).build();
        assertThatThrownBy(() -> consumer.accept(record(envelope(UserEventTypes.PARTNER_VERIFICATION_CHANGED,
                change(UUID.randomUUID()))))).isInstanceOf(IllegalStateException.class).hasMessage("database down");
        assertThat(count(UserEventTypes.PARTNER_VERIFICATION_CHANGED, "handled")).isZero();
        assertThat(count(UserEventTypes.PARTNER_VERIFICATION_CHANGED, "invalid")).isZero();
    }

    @Test
    void aConsumerIsBuiltOnlyWhenItCanKeepItsPromises() {
        assertThatThrownBy(() -> consumers.consumer(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> consumers.consumer(CONSUMER).withoutDeduplication().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("handles no event type");
        assertThatThrownBy(() -> consumers.consumer(CONSUMER)
                .on(UserEventTypes.PARTNER_REGISTERED, PartnerRegistered.class, registrations::add)
                .on(UserEventTypes.PARTNER_REGISTERED, PartnerRegistered.class, registrations::add))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already handles PartnerRegistered");
        // no database here: de-duplication cannot be promised
        assertThatThrownBy(() -> consumers.consumer(CONSUMER)
                .on(UserEventTypes.PARTNER_REGISTERED, PartnerRegistered.class, registrations::add).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ProcessedEvents")
                .hasMessageContaining("withoutDeduplication()");
    }
}
