package com.smartlinkauto.servicedefaults.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class KafkaDefaultsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaDefaultsAutoConfiguration.class));

    @Test
    void aServiceWithJacksonGetsEventConsumers() {
        runner.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .run(context -> assertThat(context).hasSingleBean(EventConsumers.class)
                        // no database: no de-duplication store
                        .doesNotHaveBean(ProcessedEvents.class));
    }

    @Test
    void withoutAJsonMapperThereAreNone() {
        runner.run(context -> assertThat(context).doesNotHaveBean(EventConsumers.class));
    }
}
