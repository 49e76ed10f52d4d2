package com.smartlinkauto.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ContextConfiguration;

/**
 * A {@code *IT} test of one service on a random port against real infrastructure: a throw-away
 * PostgreSQL database (when the service uses JDBC), Redis (when it uses Spring Data Redis) and an
 * embedded KRaft Kafka broker (when it uses Spring Kafka). See {@link IntegrationInfrastructure}.
 * The config server and Eureka are switched off: a test sees only its own service's configuration.
 * Add test-specific properties with {@code @TestPropertySource}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.config.enabled=false",
        "spring.cloud.config.import-check.enabled=false",
        "CONFIG_SERVER_URL=http://127.0.0.1:1",
        "eureka.client.register-with-eureka=false",
        "eureka.client.fetch-registry=false" })
@ContextConfiguration(initializers = IntegrationInfrastructure.class)
public @interface IntegrationTest {
}
