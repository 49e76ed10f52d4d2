package com.smartlinkauto.servicedefaults.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.testsupport.IntegrationTest;
import com.smartlinkauto.testsupport.kafka.KafkaProbe;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.constraints.NotNull;
import tools.jackson.databind.json.JsonMapper;

/**
 * service-defaults' {@link EventConsumers} against real PostgreSQL and Kafka: duplicates skipped in the
 * handler's transaction, a failing handler rolls back its effects and the mark, and an unreadable record
 * goes to {@code <topic>.DLT} without a retry. (It lives here because test-support depends on
 * service-defaults: the other way round would be a cycle.)
 */
@IntegrationTest
@TestPropertySource(properties = {
        // the PostgreSQL server is shared: this second context of the module's ITs holds few connections
        "spring.datasource.hikari.maximum-pool-size=3",
        "spring.kafka.consumer.auto-offset-reset=earliest",
        "spring.kafka.consumer.key-deserializer=org.apache.kafka.common.serialization.StringDeserializer",
        "spring.kafka.consumer.value-deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer",
        "spring.kafka.producer.key-serializer=org.apache.kafka.common.serialization.StringSerializer",
        "spring.kafka.producer.value-serializer=org.apache.kafka.common.serialization.ByteArraySerializer" })
class EventConsumersIT {

    static final String PROBE = "PaymentProbe";

    /** A payload record, as the contracts declare them. */
    record Probe(@NotNull UUID probeId, @NotNull String note) {
    }

    @SpringBootApplication
    @Import(PaymentEventsListener.class)
    static class ConsumerApplication {
    }

    /** A consumer as services write them: a listener that hands its records to an {@link EventConsumer}. */
    static class PaymentEventsListener {

        static final String CONSUMER = "test-support.payments";

        final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        private final JdbcTemplate jdbc;
        private final EventConsumer events;

        PaymentEventsListener(EventConsumers consumers, JdbcTemplate jdbc) {
            this.jdbc = jdbc;
            // what a service's Flyway migrations hold; the listener starts after this
            jdbc.execute("create table if not exists processed_events (consumer varchar(100) not null, "
                    + "event_id uuid not null, processed_at timestamptz not null, primary key (consumer, event_id))");
            jdbc.execute("create table if not exists probe_effects (event_id uuid not null, note text not null)");
            this.events = consumers.consumer(CONSUMER).on(PROBE, Probe.class, this::applied).build();
        }

        @KafkaListener(id = CONSUMER, topics = Topics.PAYMENT_EVENTS, groupId = CONSUMER)
        void onEvent(ConsumerRecord<String, byte[]> record) {
            deliveries.computeIfAbsent(record.key(), key -> new AtomicInteger()).incrementAndGet();
            events.accept(record);
        }

        private void applied(EventEnvelope<Probe> event) {
            jdbc.update("insert into probe_effects (event_id, note) values (?, ?)", event.eventId(),
                    event.payload().note());
        }
    }

    @Autowired
    EventConsumers consumers;

    @Autowired
    PaymentEventsListener listener;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    JsonMapper json;

    @Autowired
    MeterRegistry meters;

    @Autowired
    Environment environment;

    private static EventEnvelope<Probe> probe(String note) {
        UUID id = UUID.randomUUID();
        return EventEnvelope.of(PROBE, id.toString(), new Probe(id, note));
    }

    private ConsumerRecord<String, byte[]> record(Object envelope) {
        return new ConsumerRecord<>(Topics.PAYMENT_EVENTS, 0, 0L, "key", json.writeValueAsBytes(envelope));
    }

    private int effects(UUID eventId) {
        return jdbc.queryForObject("select count(*) from probe_effects where event_id = ?", Integer.class, eventId);
    }

    private int marks(String consumer, UUID eventId) {
        return jdbc.queryForObject("select count(*) from processed_events where consumer = ? and event_id = ?",
                Integer.class, consumer, eventId);
    }

    private double count(String consumer, String outcome) {
        var counter = meters.find("smartlink.events.consumed").tags("consumer", consumer, "type", PROBE, "outcome",
                outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private void insertEffect(EventEnvelope<Probe> event) {
        assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isTrue();
        jdbc.update("insert into probe_effects (event_id, note) values (?, ?)", event.eventId(),
                event.payload().note());
    }

    @Test
    void aRedeliveredEventTakesEffectOnceMarkedInTheHandlersTransaction() {
        String name = "it.dedup-" + UUID.randomUUID();
        EventConsumer consumer = consumers.consumer(name).on(PROBE, Probe.class, this::insertEffect).build();
        var event = probe("once");

        consumer.accept(record(event));
        consumer.accept(record(event));

        assertThat(effects(event.eventId())).isOne();
        assertThat(marks(name, event.eventId())).isOne();
        assertThat(count(name, "handled")).isOne();
        assertThat(count(name, "duplicate")).isOne();
        // another consumer of the same event has its own mark
        String other = "it.dedup-other-" + UUID.randomUUID();
        consumers.consumer(other).on(PROBE, Probe.class, this::insertEffect).build().accept(record(event));
        assertThat(effects(event.eventId())).isEqualTo(2);
    }

    @Test
    void aFailingHandlerRollsBackItsEffectsAndTheMarkSoTheRetryTakesEffect() {
        String name = "it.rollback-" + UUID.randomUUID();
        AtomicInteger attempts = new AtomicInteger();
        EventConsumer consumer = consumers.consumer(name).on(PROBE, Probe.class, event -> {
            insertEffect(event);
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("the first attempt fails after its insert");
            }
        }).build();
        var event = probe("retried");

        assertThatThrownBy(() -> consumer.accept(record(event))).isInstanceOf(IllegalStateException.class);
        assertThat(effects(event.eventId())).isZero();
        assertThat(marks(name, event.eventId())).isZero();

        consumer.accept(record(event));
        assertThat(effects(event.eventId())).isOne();
        assertThat(marks(name, event.eventId())).isOne();
        assertThat(count(name, "handled")).isOne();
    }

    @Test
    void withoutDeduplicationEveryDeliveryIsHandledAndNothingIsMarked() {
        String name = "it.idempotent-" + UUID.randomUUID();
        EventConsumer consumer = consumers.consumer(name).withoutDeduplication()
                .on(PROBE, Probe.class, this::insertEffect).build();
        var event = probe("twice");

        consumer.accept(record(event));
        consumer.accept(record(event));

        assertThat(effects(event.eventId())).isEqualTo(2);
        assertThat(marks(name, event.eventId())).isZero();
        assertThat(count(name, "handled")).isEqualTo(2);
    }

    @Test
    void aListenerAppliesEachEventFromKafkaOnce() throws Exception {
        var event = probe("through Kafka");
        byte[] value = json.writeValueAsBytes(event);
        String key = event.aggregateId();
        double duplicatesBefore = count(PaymentEventsListener.CONSUMER, "duplicate");

        kafka.send(Topics.PAYMENT_EVENTS, key, value).get();
        kafka.send(Topics.PAYMENT_EVENTS, key, value).get();

        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> count(PaymentEventsListener.CONSUMER, "duplicate") > duplicatesBefore);
        assertThat(listener.deliveries.get(key)).hasValue(2);
        assertThat(effects(event.eventId())).isOne();
        assertThat(marks(PaymentEventsListener.CONSUMER, event.eventId())).isOne();
    }

    @Test
    void unreadableRecordsAreParkedOnTheDeadLetterTopicWithoutARetry() throws Exception {
        String notJson = "not-json-" + UUID.randomUUID();
        kafka.send(Topics.PAYMENT_EVENTS, notJson, "{not json".getBytes(StandardCharsets.UTF_8)).get();
        String incomplete = "incomplete-" + UUID.randomUUID();
        kafka.send(Topics.PAYMENT_EVENTS, incomplete, envelope(Map.of("probeId", UUID.randomUUID().toString())))
                .get();
        String wrongShape = "wrong-shape-" + UUID.randomUUID();
        kafka.send(Topics.PAYMENT_EVENTS, wrongShape, envelope(Map.of("probeId", "not-a-uuid", "note", "x"))).get();
        // a record sent after the poison is still handled: the listener was not stopped by it
        var after = probe("after the poison");
        kafka.send(Topics.PAYMENT_EVENTS, after.aggregateId(), json.writeValueAsBytes(after)).get();

        try (KafkaProbe dlt = new KafkaProbe(environment.getProperty("spring.kafka.bootstrap-servers"),
                Topics.deadLetter(Topics.PAYMENT_EVENTS))) {
            assertThat(dlt.await(record -> notJson.equals(record.key())).value())
                    .isEqualTo("{not json".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(dlt.await(record -> incomplete.equals(record.key())).headers()
                    .lastHeader("kafka_dlt-exception-message").value(), StandardCharsets.UTF_8))
                    .contains("is incomplete: note");
            dlt.await(record -> wrongShape.equals(record.key()));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> effects(after.eventId()) == 1);
        // parked at the first failure: the error handler did not retry them
        assertThat(listener.deliveries.get(notJson)).hasValue(1);
        assertThat(listener.deliveries.get(incomplete)).hasValue(1);
        assertThat(listener.deliveries.get(wrongShape)).hasValue(1);
    }

    private byte[] envelope(Map<String, Object> payload) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("eventId", UUID.randomUUID().toString());
        envelope.put("type", PROBE);
        envelope.put("occurredAt", Instant.now().toString());
        envelope.put("aggregateId", "probe");
        envelope.put("version", 1);
        envelope.put("payload", payload);
        return json.writeValueAsBytes(envelope);
    }
}
