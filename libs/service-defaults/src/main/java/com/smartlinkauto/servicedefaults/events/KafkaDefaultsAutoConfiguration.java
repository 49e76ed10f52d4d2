package com.smartlinkauto.servicedefaults.events;

import java.time.Duration;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.backoff.ExponentialBackOff;

import com.smartlinkauto.contracts.events.Topics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The consumer side of Kafka for every service (docs/architecture.md, Events): a record whose handling
 * fails is retried with exponential back-off (0.5 s, doubling, for up to 10 s), then parked on
 * {@code <topic>.DLT}. Records that cannot be read (JSON errors) or are invalid
 * ({@link IllegalArgumentException}) are parked at once. Boot's listener container factory picks this
 * handler up; a service may declare its own {@link CommonErrorHandler} instead. A service with a
 * database also gets {@link ProcessedEvents} for its idempotent consumers, and every service
 * {@link EventConsumers}, the typed way to consume events.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
@ConditionalOnClass({ DefaultErrorHandler.class, Topics.class })
public class KafkaDefaultsAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KafkaDefaultsAutoConfiguration.class);

    @Bean
    @ConditionalOnBean(KafkaOperations.class)
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler kafkaErrorHandler(KafkaOperations<Object, Object> kafka) {
        var recoverer = new DeadLetterPublishingRecoverer(kafka, (record, ex) -> {
            // the listener's own failure, not the container's ListenerExecutionFailedException around it; the
            // stack trace with it (a parked record is rare and must be explainable from the log alone)
            Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
            log.error("Parking record {}-{}@{} on {}: {}", record.topic(), record.partition(), record.offset(),
                    Topics.deadLetter(record.topic()), cause.toString(), cause);
            // partition -1: let the producer choose (the DLT may have fewer partitions)
            return new TopicPartition(Topics.deadLetter(record.topic()), -1);
        });
        var backOff = new ExponentialBackOff(Duration.ofMillis(500).toMillis(), 2.0);
        backOff.setMaxElapsedTime(Duration.ofSeconds(10).toMillis());
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(JacksonException.class, IllegalArgumentException.class);
        return handler;
    }

    @Bean
    @ConditionalOnBean(JdbcTemplate.class)
    @ConditionalOnMissingBean
    ProcessedEvents processedEvents(JdbcTemplate jdbc) {
        return new ProcessedEvents(jdbc);
    }

    @Bean
    @ConditionalOnBean(JsonMapper.class)
    @ConditionalOnMissingBean
    EventConsumers eventConsumers(JsonMapper json, ObjectProvider<Validator> validator,
            ObjectProvider<ProcessedEvents> processed, ObjectProvider<PlatformTransactionManager> transactionManager,
            ObjectProvider<MeterRegistry> meters) {
        return new EventConsumers(json,
                validator.getIfUnique(() -> Validation.buildDefaultValidatorFactory().getValidator()),
                processed.getIfAvailable(), transactionManager.getIfAvailable(),
                meters.getIfAvailable(() -> Metrics.globalRegistry));
    }
}
