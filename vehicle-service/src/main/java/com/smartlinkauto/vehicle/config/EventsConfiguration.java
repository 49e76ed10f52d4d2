package com.smartlinkauto.vehicle.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.EventExternalizationConfiguration;

import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.vehicle.VehicleEventTypes;
import com.smartlinkauto.servicedefaults.events.Outbox;

/**
 * {@code vehicle.events} through the transactional outbox ({@link Outbox}: stored with the state change, sent after
 * commit keyed by the aggregate id, resubmitted until Kafka takes it). Consumers' retries and
 * dead-lettering come from service-defaults' {@code KafkaDefaultsAutoConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

    @Bean
    EventExternalizationConfiguration eventExternalization() {
        return Outbox.routing(Topics.VEHICLE_EVENTS, VehicleEventTypes.ALL);
    }
}
