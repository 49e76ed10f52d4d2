package com.smartlinkauto.contracts.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The envelope every event travels in (docs/architecture.md, Events), serialised as JSON.
 *
 * @param eventId     unique id; consumers de-duplicate on it
 * @param type        event type, e.g. {@code BookingHeld}
 * @param occurredAt  when the state change committed (UTC)
 * @param aggregateId id of the aggregate the event belongs to; also the Kafka record key
 * @param version     version of the payload schema for this {@code type}, starting at 1
 * @param payload     the event's data, one of the payload records of this package; a payload record marks
 *                    with {@code @NotNull} what every producer sets, and a consumer parks an event that
 *                    lacks one on the dead-letter topic (service-defaults' {@code EventConsumers})
 * @param <T>         payload type
 */
public record EventEnvelope<T>(UUID eventId, String type, Instant occurredAt, String aggregateId, int version,
        T payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("type must not be blank");
        }
        if (aggregateId == null || aggregateId.isBlank()) {
            throw new IllegalArgumentException("aggregateId must not be blank");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1");
        }
        Objects.requireNonNull(payload, "payload");
    }

    /** A new envelope with a random id, stamped now, schema version 1. */
    public static <T> EventEnvelope<T> of(String type, String aggregateId, T payload) {
        return new EventEnvelope<>(UUID.randomUUID(), type, Instant.now(), aggregateId, 1, payload);
    }
}
