package com.smartlinkauto.servicedefaults.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.smartlinkauto.contracts.events.EventEnvelope;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Validator;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Typed event consumers (docs/architecture.md, Events), one way for every service: name the consumer,
 * register a payload record and a handler per event type, and hand each Kafka record to the built
 * {@link EventConsumer}:
 *
 * <pre>{@code
 * this.events = consumers.consumer(CONSUMER)
 *         .on(UserEventTypes.PARTNER_VERIFICATION_CHANGED, PartnerVerificationChanged.class, this::changed)
 *         .build();
 *
 * @KafkaListener(id = CONSUMER, topics = Topics.USER_EVENTS, groupId = CONSUMER)
 * void onEvent(ConsumerRecord<String, byte[]> record) {
 *     events.accept(record);
 * }
 * }</pre>
 *
 * The consumer name is its row key in {@code processed_events} and, by convention, the listener id and
 * group id. Auto-configured by {@link KafkaDefaultsAutoConfiguration} with the service's
 * {@link JsonMapper}, {@link ProcessedEvents} and transaction manager where it has them.
 */
public class EventConsumers {

    private static final TypeReference<EventEnvelope<JsonNode>> ENVELOPE = new TypeReference<>() {
    };

    private final JsonMapper json;
    private final Validator validator;
    private final ProcessedEvents processed;
    private final PlatformTransactionManager transactionManager;
    private final MeterRegistry meters;

    /**
     * @param processed          null where the service has no database: only consumers built
     *                           {@link Builder#withoutDeduplication()} can be built then
     * @param transactionManager null: handlers run without a transaction (and cannot de-duplicate)
     */
    public EventConsumers(JsonMapper json, Validator validator, ProcessedEvents processed,
            PlatformTransactionManager transactionManager, MeterRegistry meters) {
        this.json = Objects.requireNonNull(json, "json");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.processed = processed;
        this.transactionManager = transactionManager;
        this.meters = Objects.requireNonNull(meters, "meters");
    }

    /** Starts a consumer named {@code consumerName} (its {@code processed_events} name, listener id and group id). */
    public Builder consumer(String consumerName) {
        if (consumerName == null || consumerName.isBlank()) {
            throw new IllegalArgumentException("A consumer needs a name");
        }
        return new Builder(consumerName);
    }

    /** Readers ignore fields the records do not know: a producer may add one without breaking consumers. */
    private ObjectReader reader(TypeReference<?> type) {
        return json.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private ObjectReader reader(Class<?> type) {
        return json.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Collects a consumer's handlers; {@link #build()} makes the {@link EventConsumer}. */
    public final class Builder {

        private final String name;
        private final Map<String, EventConsumer.Registration<?>> handlers = new LinkedHashMap<>();
        private boolean deduplicate = true;

        private Builder(String name) {
            this.name = name;
        }

        /** Envelopes of {@code type} are read into {@code payloadType} and handed to {@code handler}. */
        public <T> Builder on(String type, Class<T> payloadType, EventHandler<T> handler) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(payloadType, "payloadType");
            Objects.requireNonNull(handler, "handler");
            if (handlers.putIfAbsent(type, new EventConsumer.Registration<>(reader(payloadType), handler)) != null) {
                throw new IllegalArgumentException(name + " already handles " + type);
            }
            return this;
        }

        /**
         * For consumers that are idempotent by themselves (an upsert guarded by a sequence, a cache
         * bump): no {@code processed_events} mark, a redelivered event is handled again.
         */
        public Builder withoutDeduplication() {
            deduplicate = false;
            return this;
        }

        /**
         * @throws IllegalStateException when no type is registered, or the consumer de-duplicates but
         *                               the service has no {@link ProcessedEvents} or transaction manager
         *                               (the mark and the handler's effects must commit together)
         */
        public EventConsumer build() {
            if (handlers.isEmpty()) {
                throw new IllegalStateException(name + " handles no event type");
            }
            if (deduplicate && (processed == null || transactionManager == null)) {
                throw new IllegalStateException(name + " skips duplicates through processed_events in the handler's "
                        + "transaction, but this service has no " + (processed == null ? "ProcessedEvents (JdbcTemplate)"
                                : "transaction manager")
                        + "; a consumer that is idempotent by itself is built withoutDeduplication()");
            }
            return new EventConsumer(name, handlers, reader(ENVELOPE), validator, deduplicate ? processed : null,
                    transactionManager == null ? null : new TransactionTemplate(transactionManager), meters);
        }
    }
}
