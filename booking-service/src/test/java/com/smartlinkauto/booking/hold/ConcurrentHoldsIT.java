package com.smartlinkauto.booking.hold;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.smartlinkauto.booking.BookingApi;
import com.smartlinkauto.booking.BookingServiceApplication;
import com.smartlinkauto.booking.BookingTestSupport;
import com.smartlinkauto.booking.VehicleServiceStub;
import com.smartlinkauto.testsupport.IntegrationInfrastructure;
import com.smartlinkauto.testsupport.security.TestTokens;

/**
 * The race the system we replace lost with three users: 200 renters at once (distinct renters and keys), overlapping
 * ranges of one vehicle, spread over TWO booking-service instances that share PostgreSQL and Redis. Exactly one hold,
 * the rest 409 or 423, never a 5xx, and no overlapping pair anywhere in the table — with the Redis lock, and with it
 * switched off (then the exclusion constraint alone decides).
 */
class ConcurrentHoldsIT extends BookingTestSupport {

    private static final int REQUESTS = 200;
    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    @AfterEach
    void stopInstances() {
        started.forEach(ConfigurableApplicationContext::close);
        started.clear();
    }

    /** Another booking-service on its own random port, on the same database, Redis and Kafka as this test's one. */
    private int startInstance(boolean lock) {
        // as command-line arguments: they outrank application.yml (server.port: 8083)
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BookingServiceApplication.class,
                TestTokens.Decoder.class)
                .initializers(new IntegrationInfrastructure())
                .run("--server.port=0", "--spring.cloud.config.enabled=false",
                        "--spring.cloud.config.import-check.enabled=false", "--CONFIG_SERVER_URL=http://127.0.0.1:1",
                        "--eureka.client.register-with-eureka=false", "--eureka.client.fetch-registry=false",
                        "--eureka.client.enabled=false",
                        "--smartlink.bookings.vehicles.base-url=" + vehicles.baseUrl(),
                        "--smartlink.bookings.lock.enabled=" + lock);
        started.add(context);
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void twoHundredRacingHoldsOnTwoInstancesMakeExactlyOneWithTheLock() throws Exception {
        race(port, startInstance(true), true);
    }

    @Test
    void andExactlyOneWithTheLockSwitchedOffTheDatabaseDecides() throws Exception {
        race(startInstance(false), startInstance(false), false);
    }

    private void race(int portA, int portB, boolean lock) throws Exception {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        // every range contains [base + 5 h, base + 20 h): all of them overlap each other
        Instant base = minuteIn(Duration.ofDays(10));
        List<Map<String, Object>> bodies = new ArrayList<>();
        List<Party> renters = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            Instant pickup = base.plus(Duration.ofMinutes(random.nextInt(0, 5 * 60)));
            Instant ret = base.plus(Duration.ofHours(20)).plus(Duration.ofMinutes(random.nextInt(0, 10 * 60)));
            bodies.add(body(vehicle.id(), pickup, ret));
            renters.add(renter());
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        BookingApi a = new BookingApi(portA, http);
        BookingApi b = new BookingApi(portB, http);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
        List<Future<BookingApi.Reply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < REQUESTS; i++) {
                BookingApi target = i % 2 == 0 ? a : b;
                Party renter = renters.get(i);
                Map<String, Object> body = bodies.get(i);
                replies.add(pool.submit(() -> {
                    go.await();
                    return target.post("/api/bookings").token(renter.token())
                            .header("Idempotency-Key", UUID.randomUUID().toString()).json(body).send();
                }));
            }
            go.countDown();
            Map<Integer, Integer> statuses = new TreeMap<>();
            List<String> created = new ArrayList<>();
            for (Future<BookingApi.Reply> future : replies) {
                BookingApi.Reply reply = future.get(3, TimeUnit.MINUTES);
                statuses.merge(reply.status(), 1, Integer::sum);
                if (reply.status() == 201) {
                    created.add(reply.text("id"));
                }
                else {
                    assertThat(reply.status()).as(reply.body()).isIn(409, 423);
                    assertThat(reply.json().path("type").asString()).as(reply.body())
                            .isIn("https://smartlinkauto.com/problems/booking-conflict",
                                    "https://smartlinkauto.com/problems/vehicle-locked");
                    if (reply.status() == 423) {
                        assertThat(reply.header("Retry-After")).isPresent();
                    }
                }
            }
            System.out.printf("%d racing holds, lock %s: %s%n", REQUESTS, lock ? "on" : "off", statuses);
            assertThat(created).as("statuses %s", statuses).hasSize(1);
            assertThat(statuses.getOrDefault(201, 0) + statuses.getOrDefault(409, 0) + statuses.getOrDefault(423, 0))
                    .isEqualTo(REQUESTS);
            if (!lock) {
                assertThat(statuses).as("no lock, no 423").doesNotContainKey(423);
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(count("select count(*) from bookings where vehicle_id = ? and status in ('HELD', 'CONFIRMED')",
                vehicle.id())).isEqualTo(1);
        assertThat(count("select count(*) from bookings where vehicle_id = ?", vehicle.id())).isEqualTo(1);
        assertThat(overlappingPairs()).isZero();
    }
}
