package com.smartlinkauto.servicedefaults.events;

import java.util.Map;
import java.util.Set;

import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.RoutingTarget;

import com.smartlinkauto.contracts.events.EventEnvelope;

/**
 * The transactional outbox's routing, the same for every producing service: services publish
 * {@link EventEnvelope}s as Spring application events inside their transaction; Spring Modulith's event
 * publication registry stores each one in {@code event_publication} in that transaction and, after
 * commit, sends it to the service's topic keyed by the aggregate id (one aggregate's events stay in
 * order), with an {@code eventType} header. A publication that fails to send stays in the table and is
 * resubmitted ({@code OutboxResubmissionJob}, and on restart); the envelope is sent as created, so its
 * {@code eventId} is stable across resends and consumers de-duplicate on it.
 */
public final class Outbox {

    private Outbox() {
    }

    /** Sends the envelopes whose {@code type} is one of {@code types} to {@code topic}. */
    public static EventExternalizationConfiguration routing(String topic, Set<String> types) {
        return EventExternalizationConfiguration.externalizing()
                .select(event -> event instanceof EventEnvelope<?> envelope && types.contains(envelope.type()))
                .headers(EventEnvelope.class, envelope -> Map.of("eventType", envelope.type()))
                .route(EventEnvelope.class, envelope -> RoutingTarget.forTarget(topic).andKey(envelope.aggregateId()))
                .build();
    }
}
