package com.smartlinkauto.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.util.ClassUtils;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import com.smartlinkauto.contracts.events.Topics;

/**
 * Real infrastructure for {@code *IT} tests, started at most once per test JVM and shared by every
 * Spring context in it.
 * <ul>
 * <li>PostgreSQL: where a Docker engine answers, a Testcontainers container; otherwise a new database
 * {@code it_<module>_<time>_<random>} on the local server (127.0.0.1:5432, role {@code smartlink_admin},
 * password from {@code SMARTLINK_PG_ADMIN_PASSWORD} or {@code .smartlink/secrets.env}), dropped when the
 * JVM exits. {@code ./smartlink infra up} provides the server and the role.</li>
 * <li>Redis: a container where Docker answers, otherwise the local state server ({@code REDIS_HOST}/{@code REDIS_PORT},
 * password from {@code REDIS_PASSWORD} or {@code .smartlink/secrets.env}; a server without a password accepts it
 * too, as Lettuce authenticates with {@code HELLO 3 AUTH default}).</li>
 * <li>Kafka: an embedded KRaft broker with every topic of {@link Topics} and its dead-letter topic.</li>
 * <li>Service credentials: the in-JVM {@code TestTokenServer} as token endpoint, with its client secret (where
 * service-defaults and Nimbus JOSE are on the class path and the test sets none itself); the services' checks
 * of tokens use {@code TestTokens.Decoder}.</li>
 * </ul>
 * Each resource starts only when the application under test has the matching client on its class path.
 */
public class IntegrationInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Logger log = LoggerFactory.getLogger(IntegrationInfrastructure.class);

    private static final String SOURCE_NAME = "smartlinkIntegrationInfrastructure";

    private static Map<String, Object> postgres;
    private static Map<String, Object> redis;
    private static Map<String, Object> kafka;
    private static Boolean docker;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        ClassLoader loader = context.getClassLoader();
        Map<String, Object> properties = new HashMap<>();
        if (ClassUtils.isPresent("org.postgresql.Driver", loader)
                && ClassUtils.isPresent("org.springframework.jdbc.core.JdbcTemplate", loader)) {
            properties.putAll(postgres());
        }
        if (ClassUtils.isPresent("org.springframework.data.redis.connection.RedisConnectionFactory", loader)) {
            properties.putAll(redis());
        }
        if (ClassUtils.isPresent("org.springframework.kafka.core.KafkaTemplate", loader)) {
            properties.putAll(kafka());
        }
        if (ClassUtils.isPresent("com.nimbusds.jose.JWSSigner", loader)
                && ClassUtils.isPresent("com.smartlinkauto.servicedefaults.servicetoken.ServiceTokens", loader)) {
            // unless the test names its own: service tokens from the in-JVM token server
            ServiceTokenIssuer.properties().forEach((key, value) -> {
                if (!org.springframework.util.StringUtils.hasText(environment.getProperty(key))) {
                    properties.put(key, value);
                }
            });
        }
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, properties));
    }

    /** Kept apart so that the token server's classes (Nimbus) load only where they are on the class path. */
    private static final class ServiceTokenIssuer {

        static Map<String, Object> properties() {
            var server = com.smartlinkauto.testsupport.security.TestTokenServer.shared();
            // the receiving side's keys come from TestTokens.Decoder (an @Import), not from here: the gateway's
            // ITs resolve the JWKS through discovery on purpose
            return Map.of("smartlink.security.service.token-uri", server.tokenUri(),
                    "smartlink.security.service.client-secret", server.clientSecret());
        }
    }

    static synchronized boolean dockerAvailable() {
        if (docker == null) {
            if ("false".equalsIgnoreCase(System.getenv("SMARTLINK_TEST_DOCKER"))) {
                docker = false;
            }
            else {
                try {
                    docker = DockerClientFactory.instance().isDockerAvailable();
                }
                catch (RuntimeException | LinkageError ex) {
                    docker = false;
                }
            }
            log.info("Integration infrastructure: {}", docker ? "Testcontainers (Docker answers)"
                    : "local PostgreSQL/Redis on 127.0.0.1, embedded Kafka");
        }
        return docker;
    }

    // ---------------------------------------------------------------- PostgreSQL

    static synchronized Map<String, Object> postgres() {
        if (postgres == null) {
            postgres = dockerAvailable() ? postgresContainer() : localPostgresDatabase();
        }
        return postgres;
    }

    @SuppressWarnings("resource")
    private static Map<String, Object> postgresContainer() {
        var container = new PostgreSQLContainer("postgres:17-alpine");
        container.start();
        return Map.of("spring.datasource.url", container.getJdbcUrl(),
                "spring.datasource.username", container.getUsername(),
                "spring.datasource.password", container.getPassword());
    }

    private static Map<String, Object> localPostgresDatabase() {
        String host = env("SMARTLINK_PG_HOST", "127.0.0.1");
        String port = env("SMARTLINK_PG_PORT", "5432");
        String user = env("SMARTLINK_PG_ADMIN_USER", "smartlink_admin");
        String password = Optional.ofNullable(System.getenv("SMARTLINK_PG_ADMIN_PASSWORD"))
                .or(() -> secret("PG_ADMIN_PASSWORD"))
                .orElseThrow(() -> new IllegalStateException(
                        "No PostgreSQL admin password for integration tests: run './smartlink infra up' "
                                + "(it writes .smartlink/secrets.env) or set SMARTLINK_PG_ADMIN_PASSWORD"));
        String database = "it_" + moduleName() + "_"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")) + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
        String adminUrl = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        execute(adminUrl, user, password, "CREATE DATABASE " + database);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                execute(adminUrl, user, password, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
            catch (RuntimeException ex) {
                log.warn("Could not drop test database {}: {}", database, ex.getMessage());
            }
        }, "drop-" + database));
        log.info("Integration tests use the throw-away database {} on {}:{}", database, host, port);
        return Map.of("spring.datasource.url", "jdbc:postgresql://" + host + ":" + port + "/" + database,
                "spring.datasource.username", user,
                "spring.datasource.password", password);
    }

    private static void execute(String url, String user, String password, String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("PostgreSQL at " + url + " refused '" + sql + "': " + ex.getMessage()
                    + " (is it running? './smartlink infra up' starts it)", ex);
        }
    }

    /** A database-name-safe label for the module under test, from the working directory Maven sets. */
    static String moduleName() {
        String name = Path.of(System.getProperty("user.dir")).getFileName().toString();
        String safe = name.toLowerCase().replaceAll("[^a-z0-9]+", "_");
        return safe.length() > 24 ? safe.substring(0, 24) : safe;
    }

    // ---------------------------------------------------------------- Redis

    static synchronized Map<String, Object> redis() {
        if (redis == null) {
            if (dockerAvailable()) {
                @SuppressWarnings("resource")
                var container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
                container.start();
                redis = Map.of("spring.data.redis.host", container.getHost(),
                        "spring.data.redis.port", container.getMappedPort(6379));
            }
            else {
                String password = Optional.ofNullable(System.getenv("REDIS_PASSWORD"))
                        .or(() -> secret("REDIS_PASSWORD")).orElse("");
                redis = Map.of("spring.data.redis.host", env("REDIS_HOST", "127.0.0.1"),
                        "spring.data.redis.port", env("REDIS_PORT", "6379"),
                        "spring.data.redis.password", password);
            }
        }
        return redis;
    }

    // ---------------------------------------------------------------- Kafka

    static synchronized Map<String, Object> kafka() {
        if (kafka == null) {
            List<String> topics = new ArrayList<>();
            for (String topic : Topics.ALL) {
                topics.add(topic);
                topics.add(Topics.deadLetter(topic));
            }
            var broker = new EmbeddedKafkaKraftBroker(1, 1, topics.toArray(String[]::new))
                    .brokerProperties(Map.of("group.initial.rebalance.delay.ms", "0",
                            "auto.create.topics.enable", "true"));
            broker.afterPropertiesSet();
            // stopped by Spring Boot's shutdown hook after it has closed the application contexts, so their
            // consumers and producers close while the broker still answers (a JVM hook of its own races them)
            SpringApplication.getShutdownHandlers().add(broker::destroy);
            kafka = Map.of("spring.kafka.bootstrap-servers", broker.getBrokersAsString());
        }
        return kafka;
    }

    // ---------------------------------------------------------------- helpers

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A value from the runner's {@code .smartlink/secrets.env}, found by walking up from the working dir. */
    static Optional<String> secret(String key) {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null) {
            Path file = dir.resolve(".smartlink/secrets.env");
            if (Files.isReadable(file)) {
                try {
                    return Files.readAllLines(file).stream()
                            .map(String::trim)
                            .filter(line -> line.startsWith(key + "="))
                            .map(line -> line.substring(key.length() + 1).replaceAll("^['\"]|['\"]$", ""))
                            .findFirst();
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }
}
