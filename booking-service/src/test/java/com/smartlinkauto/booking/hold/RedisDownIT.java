package com.smartlinkauto.booking.hold;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

import com.smartlinkauto.booking.BookingApi;
import com.smartlinkauto.booking.BookingServiceApplication;
import com.smartlinkauto.booking.BookingTestSupport;
import com.smartlinkauto.booking.VehicleServiceStub;
import com.smartlinkauto.testsupport.security.TestTokens;

/**
 * The Redis lock only sheds load: an instance whose Redis cannot be reached (nothing listens on its port) still
 * holds, refuses overlaps, replays and refuses reused keys — the database decides alone — and counts the holds that
 * went on without the lock.
 */
class RedisDownIT extends BookingTestSupport {

    private static ConfigurableApplicationContext withoutRedis;
    private static BookingApi noRedis;

    @Autowired
    private Environment environment;

    /**
     * Another instance on this test's database and Kafka (not through the test-support initializer, which would give
     * it the real Redis too), whose Redis is a port nothing listens on.
     */
    @BeforeEach
    void startAnInstanceWithoutRedis() {
        if (withoutRedis != null) {
            return;
        }
        Map<String, Object> properties = new HashMap<>();
        for (String key : List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                "spring.kafka.bootstrap-servers", "smartlink.security.service.token-uri",
                "smartlink.security.service.client-secret")) {
            properties.put(key, environment.getProperty(key));
        }
        properties.put("spring.data.redis.host", "127.0.0.1");
        properties.put("spring.data.redis.port", "1");
        properties.put("spring.data.redis.password", "");
        properties.put("spring.data.redis.timeout", "300ms");
        properties.put("spring.data.redis.connect-timeout", "300ms");
        properties.put("server.port", "0");
        properties.put("spring.cloud.config.enabled", "false");
        properties.put("spring.cloud.config.import-check.enabled", "false");
        properties.put("CONFIG_SERVER_URL", "http://127.0.0.1:1");
        properties.put("eureka.client.enabled", "false");
        properties.put("smartlink.bookings.vehicles.base-url", vehicles.baseUrl());
        withoutRedis = new SpringApplicationBuilder(BookingServiceApplication.class, TestTokens.Decoder.class)
                .initializers(context -> context.getEnvironment().getPropertySources()
                        .addFirst(new MapPropertySource("redis-down-it", properties)))
                .run();
        noRedis = new BookingApi(Integer.parseInt(withoutRedis.getEnvironment().getProperty("local.server.port")));
    }

    @AfterAll
    static void stop() {
        if (withoutRedis != null) {
            withoutRedis.close();
        }
    }

    private BookingApi.Reply holdThere(Party renter, String key, UUID vehicle, Instant pickup, Instant ret) {
        return noRedis.post("/api/bookings").token(renter.token()).header("Idempotency-Key", key)
                .json(body(vehicle, pickup, ret)).send();
    }

    @Test
    void holdsGoOnAndTheDatabaseDecides() {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        Instant pickup = minuteIn(Duration.ofDays(40));
        Instant ret = pickup.plus(Duration.ofDays(2));
        Party renter = renter();
        String key = UUID.randomUUID().toString();
        BookingApi.Reply created = holdThere(renter, key, vehicle.id(), pickup, ret).expect(201);
        BookingApi.Reply replay = holdThere(renter, key, vehicle.id(), pickup, ret).expect(201);
        assertThat(replay.bytes()).isEqualTo(created.bytes());
        assertThat(replay.header("Idempotent-Replayed")).hasValue("true");
        holdThere(renter, key, vehicle.id(), pickup, ret.plus(Duration.ofDays(1))).problem(422, "idempotency-key-reused");
        holdThere(renter(), UUID.randomUUID().toString(), vehicle.id(), pickup.plus(Duration.ofDays(1)),
                ret.plus(Duration.ofDays(1))).problem(409, "booking-conflict");
        // and the instance with Redis sees the same truth
        hold(renter(), vehicle.id(), pickup, ret).problem(409, "booking-conflict");
        assertThat(overlappingPairs()).isZero();

        String metrics = noRedis.get("/actuator/prometheus").send().expect(200).body();
        assertThat(metrics).containsPattern("smartlink_bookings_lock_unavailable_total\\{[^}]*\\} [1-9]");
        // Redis shows as down in the health details; the probes that route traffic stay up
        noRedis.get("/actuator/health/readiness").send().expect(200);
    }

    @Test
    void afterAFewFailuresRedisIsNotAskedUntilItMayBeBackAndHoldsStillSucceed() {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        Instant pickup = minuteIn(Duration.ofDays(60));
        for (int i = 0; i < 5; i++) {
            // each hold asks Redis twice (in-flight mark, lock): enough failures to open the breaker
            holdThere(renter(), UUID.randomUUID().toString(), vehicle.id(), pickup.plus(Duration.ofDays(3L * i)),
                    pickup.plus(Duration.ofDays(3L * i + 1))).expect(201);
        }
        String metrics = noRedis.get("/actuator/prometheus").send().expect(200).body();
        assertThat(metrics).containsPattern(
                "resilience4j_circuitbreaker_state\\{[^}]*name=\"redis\"[^}]*state=\"open\"[^}]*\\} 1\\.0");
        assertThat(metrics).containsPattern(
                "resilience4j_circuitbreaker_not_permitted_calls_total\\{[^}]*name=\"redis\"[^}]*\\} [1-9]");
        // with the breaker open a hold still goes on, refused overlaps included
        holdThere(renter(), UUID.randomUUID().toString(), vehicle.id(), pickup.plus(Duration.ofDays(20)),
                pickup.plus(Duration.ofDays(21))).expect(201);
        holdThere(renter(), UUID.randomUUID().toString(), vehicle.id(), pickup.plus(Duration.ofDays(20)),
                pickup.plus(Duration.ofDays(21))).problem(409, "booking-conflict");
        assertThat(overlappingPairs()).isZero();
    }
}
