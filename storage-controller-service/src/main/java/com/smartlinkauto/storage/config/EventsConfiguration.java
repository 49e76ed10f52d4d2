package com.smartlinkauto.storage.config;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.RoutingTarget;

import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.storage.StorageEventTypes;

/**
 * storage.events through Spring Modulith's JDBC outbox: an {@link EventEnvelope} published inside a
 * transaction is stored in {@code event_publication} with the state change and sent to Kafka after
 * commit, keyed by the aggregate id (file, node or chunk id); failed sends are resubmitted.
 */
@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

    @Bean
    EventExternalizationConfiguration eventExternalization() {
        return EventExternalizationConfiguration.externalizing()
                .select(event -> event instanceof EventEnvelope<?> envelope
                        && StorageEventTypes.ALL.contains(envelope.type()))
                .headers(EventEnvelope.class, envelope -> Map.of("eventType", envelope.type()))
                .route(EventEnvelope.class,
                        envelope -> RoutingTarget.forTarget(Topics.STORAGE_EVENTS).andKey(envelope.aggregateId()))
                .build();
    }
}
