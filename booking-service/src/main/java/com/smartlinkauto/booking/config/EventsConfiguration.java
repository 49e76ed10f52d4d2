package com.smartlinkauto.booking.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.EventExternalizationConfiguration;

import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.booking.BookingEventTypes;
import com.smartlinkauto.servicedefaults.events.Outbox;

/**
 * {@code booking.events} through the transactional outbox ({@link Outbox}: stored with the state change, sent after
 * commit keyed by the booking id, resubmitted until Kafka takes it): the five {@code BookingChanged} types and
 * {@code RefundRequested}.
 */
@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

    @Bean
    EventExternalizationConfiguration eventExternalization() {
        return Outbox.routing(Topics.BOOKING_EVENTS, BookingEventTypes.PUBLISHED);
    }
}
