package com.smartlinkauto.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;

import com.smartlinkauto.contracts.events.Topics;

/** The infrastructure every service's *IT relies on is real and answers. */
@IntegrationTest
class IntegrationInfrastructureIT {

    @SpringBootApplication
    @Import(Listener.class)
    static class ProbeApplication {
    }

    static class Listener {
        final List<String> received = new CopyOnWriteArrayList<>();

        @KafkaListener(topics = Topics.STORAGE_EVENTS, groupId = "test-support-probe",
                properties = "auto.offset.reset=earliest")
        void on(String value) {
            received.add(value);
        }
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    Listener listener;

    @Autowired
    Environment environment;

    @Test
    void postgresIsARealThrowAwayDatabase() {
        String database = jdbc.queryForObject("select current_database()", String.class);
        if (!IntegrationInfrastructure.dockerAvailable()) {
            assertThat(database).startsWith("it_test_support_");
        }
        jdbc.execute("create table probe (id uuid primary key, during tstzrange)");
        UUID id = UUID.randomUUID();
        jdbc.update("insert into probe values (?, tstzrange(now(), now() + interval '1 hour', '[)'))", id);
        assertThat(jdbc.queryForObject("select count(*) from probe where id = ?", Integer.class, id)).isEqualTo(1);
        assertThat(jdbc.queryForObject("show server_version_num", Integer.class)).isGreaterThanOrEqualTo(150000);
    }

    @Test
    void redisAnswers() {
        String key = "it:" + UUID.randomUUID();
        redis.opsForValue().set(key, "v", Duration.ofSeconds(30));
        assertThat(redis.opsForValue().get(key)).isEqualTo("v");
        redis.delete(key);
    }

    /**
     * Local runs hand the runner's Redis password ({@code REDIS_PASSWORD}, else {@code .smartlink/secrets.env})
     * to the client, and the client is connected with it (a server without a password accepts it as well).
     */
    @Test
    void redisIsReachedWithTheLocalRunsPassword() {
        Assumptions.assumeFalse(IntegrationInfrastructure.dockerAvailable(), "Testcontainers' Redis has no password");
        String expected = Optional.ofNullable(System.getenv("REDIS_PASSWORD"))
                .or(() -> IntegrationInfrastructure.secret("REDIS_PASSWORD")).orElse("");
        assertThat(environment.getProperty("spring.data.redis.password")).isEqualTo(expected);
        assertThat(redis.execute((RedisCallback<String>) connection -> connection.ping())).isEqualTo("PONG");
    }

    @Test
    void kafkaDeliversToAConsumer() {
        String value = "probe-" + UUID.randomUUID();
        kafka.send(Topics.STORAGE_EVENTS, "node-1", value);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> listener.received.contains(value));
    }
}
