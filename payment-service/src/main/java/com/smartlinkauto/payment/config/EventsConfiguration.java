package com.smartlinkauto.payment.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.EventExternalizationConfiguration;

import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.payment.PaymentEventTypes;
import com.smartlinkauto.servicedefaults.events.Outbox;

/**
 * {@code payment.events} through the transactional outbox ({@link Outbox}: stored with the state change, sent after
 * commit keyed by the booking id, resubmitted until Kafka takes it): PaymentSucceeded, PaymentFailed and
 * PaymentRefunded.
 */
@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

    @Bean
    EventExternalizationConfiguration eventExternalization() {
        return Outbox.routing(Topics.PAYMENT_EVENTS, PaymentEventTypes.ALL);
    }
}
