package com.smartlinkauto.vehicle.config;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.RoutingTarget;
import org.springframework.util.backoff.ExponentialBackOff;

import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.vehicle.VehicleEventTypes;

import tools.jackson.core.JacksonException;

/**
 * The outbox and the consumer side of Kafka.
 * <p>
 * Producing: services publish {@link EventEnvelope}s as Spring application events inside their
 * transaction. Spring Modulith's event publication registry stores each one in {@code event_publication}
 * in that same transaction (the outbox) and, after commit, sends it to {@code vehicle.events} keyed by the
 * aggregate id; a publication that fails to send stays in the table and is resubmitted
 * (service-defaults' {@code OutboxResubmissionJob}, and on restart). The envelope is sent as it was created, so its
 * {@code eventId} is stable across resends and consumers can de-duplicate on it.
 * <p>
 * Consuming: a failing record is retried with exponential back-off, then parked on {@code <topic>.DLT}.
 */
@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EventsConfiguration.class);

    @Bean
    EventExternalizationConfiguration eventExternalization() {
        return EventExternalizationConfiguration.externalizing()
                .select(event -> event instanceof EventEnvelope<?> envelope
                        && VehicleEventTypes.ALL.contains(envelope.type()))
                .headers(EventEnvelope.class, envelope -> Map.of("eventType", envelope.type()))
                .route(EventEnvelope.class,
                        envelope -> RoutingTarget.forTarget(Topics.VEHICLE_EVENTS).andKey(envelope.aggregateId()))
                .build();
    }

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaOperations<Object, Object> kafka) {
        var recoverer = new DeadLetterPublishingRecoverer(kafka, (record, ex) -> {
            log.error("Parking record {}-{}@{} on {}: {}", record.topic(), record.partition(), record.offset(),
                    Topics.deadLetter(record.topic()), ex.toString());
            // partition -1: let the producer choose (the DLT may have fewer partitions)
            return new TopicPartition(Topics.deadLetter(record.topic()), -1);
        });
        var backOff = new ExponentialBackOff(Duration.ofMillis(500).toMillis(), 2.0);
        backOff.setMaxElapsedTime(Duration.ofSeconds(10).toMillis());
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(JacksonException.class, IllegalArgumentException.class);
        return handler;
    }
}
