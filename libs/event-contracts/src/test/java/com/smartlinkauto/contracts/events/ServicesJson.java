package com.smartlinkauto.contracts.events;

import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link JsonMapper} the services write and read events with: Spring Boot's auto-configured one, with
 * the {@code spring.jackson} settings of the services' {@code application.yml} (user-, vehicle- and
 * storage-controller-service). Spring Modulith's outbox serialises the envelopes with it.
 */
final class ServicesJson {

    static final JsonMapper MAPPER = mapper();

    private ServicesJson() {
    }

    private static JsonMapper mapper() {
        AtomicReference<JsonMapper> mapper = new AtomicReference<>();
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .withPropertyValues("spring.jackson.deserialization.fail-on-unknown-properties=true")
                .run(context -> mapper.set(context.getBean(JsonMapper.class)));
        return mapper.get();
    }
}
