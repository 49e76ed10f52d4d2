package com.smartlinkauto.servicedefaults.events;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import com.smartlinkauto.contracts.events.EventEnvelope;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * One consumer's handling of a topic's records, built by {@link EventConsumers}: reads the envelope,
 * ignores a {@code type} it has no handler for, reads the payload into the record registered for the
 * type, checks its required ({@code @NotNull}) components, and runs the handler, in a transaction where
 * the service has a transaction manager, after {@link ProcessedEvents#firstDelivery} in that same
 * transaction (unless built {@code withoutDeduplication()}).
 * <p>
 * A record that cannot be read (not JSON, an incomplete envelope, a payload of the wrong shape or
 * without a required component) fails with a {@link JacksonException} or an
 * {@link IllegalArgumentException}, which service-defaults' Kafka error handler parks on
 * {@code <topic>.DLT} at once; anything else the handler throws is retried with back-off first. Fields
 * the records do not know are ignored, so a producer may add one without breaking consumers.
 * <p>
 * Counts every record in {@code smartlink.events.consumed}, tagged {@code consumer}, {@code type} and
 * {@code outcome}: {@code handled}, {@code duplicate} (already handled, skipped), {@code ignored} (no
 * handler for the type) or {@code invalid} (parked).
 */
public final class EventConsumer {

    static final String METRIC = "smartlink.events.consumed";

    private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);

    /** What may appear as the {@code type} tag of a type nobody registered (bounds the tag's values). */
    private static final Pattern TAGGABLE_TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");

    private final String name;
    private final Map<String, Registration<?>> handlers;
    private final ObjectReader envelopes;
    private final Validator validator;
    private final ProcessedEvents processed;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;

    /**
     * @param processed    null: no de-duplication
     * @param transactions null: the handler runs without a transaction
     */
    EventConsumer(String name, Map<String, Registration<?>> handlers, ObjectReader envelopes, Validator validator,
            ProcessedEvents processed, TransactionTemplate transactions, MeterRegistry meters) {
        this.name = name;
        this.handlers = Map.copyOf(handlers);
        this.envelopes = envelopes;
        this.validator = validator;
        this.processed = processed;
        this.transactions = transactions;
        this.meters = meters;
    }

    /** Handles one record of the topic (call it from the {@code @KafkaListener} method). */
    public void accept(ConsumerRecord<String, byte[]> record) {
        EventEnvelope<JsonNode> envelope = readEnvelope(record);
        Registration<?> registration = handlers.get(envelope.type());
        if (registration == null) {
            log.debug("{}: ignoring {} event {} of {}", name, envelope.type(), envelope.eventId(),
                    envelope.aggregateId());
            count(TAGGABLE_TYPE.matcher(envelope.type()).matches() ? envelope.type() : "other", "ignored");
            return;
        }
        dispatch(registration, envelope);
    }

    private EventEnvelope<JsonNode> readEnvelope(ConsumerRecord<String, byte[]> record) {
        try {
            byte[] value = record.value();
            if (value == null) {
                throw new IllegalArgumentException(name + ": record " + where(record) + " has no value");
            }
            EventEnvelope<JsonNode> envelope = envelopes.readValue(value);
            if (envelope == null) {
                throw new IllegalArgumentException(name + ": record " + where(record) + " holds no envelope");
            }
            return envelope;
        }
        catch (JacksonException | IllegalArgumentException ex) {
            count("unknown", "invalid");
            throw ex;
        }
    }

    private <T> void dispatch(Registration<T> registration, EventEnvelope<JsonNode> envelope) {
        EventEnvelope<T> event;
        try {
            event = registration.read(envelope, validator);
        }
        catch (JacksonException | IllegalArgumentException ex) {
            count(envelope.type(), "invalid");
            throw ex;
        }
        String outcome = transactions == null ? apply(registration.handler(), event)
                : transactions.execute(status -> apply(registration.handler(), event));
        count(envelope.type(), outcome);
    }

    private <T> String apply(EventHandler<T> handler, EventEnvelope<T> event) {
        if (processed != null && !processed.firstDelivery(name, event.eventId())) {
            return "duplicate";
        }
        handler.handle(event);
        log.debug("{}: handled {} event {} of {}", name, event.type(), event.eventId(), event.aggregateId());
        return "handled";
    }

    private void count(String type, String outcome) {
        Counter.builder(METRIC).description("Event records consumers read, by outcome")
                .tag("consumer", name).tag("type", type).tag("outcome", outcome)
                .register(meters).increment();
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    /** A type's payload record and handler. */
    record Registration<T>(ObjectReader reader, EventHandler<T> handler) {

        /** The envelope with its payload read into {@code payloadType} and checked. */
        EventEnvelope<T> read(EventEnvelope<JsonNode> envelope, Validator validator) {
            T payload = reader.readValue(envelope.payload());
            if (payload == null) {
                throw new IllegalArgumentException(envelope.type() + " event " + envelope.eventId() + " has no payload");
            }
            Set<ConstraintViolation<T>> violations = validator.validate(payload);
            if (!violations.isEmpty()) {
                Set<String> problems = new TreeSet<>();
                violations.forEach(v -> problems.add(v.getPropertyPath() + " " + v.getMessage()));
                throw new IllegalArgumentException(envelope.type() + " event " + envelope.eventId()
                        + " is incomplete: " + String.join(", ", problems));
            }
            return new EventEnvelope<>(envelope.eventId(), envelope.type(), envelope.occurredAt(),
                    envelope.aggregateId(), envelope.version(), payload);
        }
    }
}
