package com.smartlinkauto.booking.vehicle;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.smartlinkauto.booking.BookingTestSupport;
import com.smartlinkauto.booking.VehicleServiceStub;
import com.smartlinkauto.contracts.events.Topics;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The vehicle cache against real Kafka: a vehicle is read from vehicle-service once and reused (the 5-minute
 * bound), until a {@code vehicle.events} record keyed by its id arrives: then the next quote or hold reads the new
 * price, status or blackouts (a hold over a new blackout is refused). A record without a vehicle id as key is skipped and changes nothing.
 */
class VehicleCacheEvictionIT extends BookingTestSupport {

    private final Instant pickup = minuteIn(Duration.ofDays(9));

    @Autowired
    private MeterRegistry meters;

    private KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void producer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void closeProducer() {
        producer.close(Duration.ofSeconds(5));
    }

    @Test
    void aVehicleIsReadOnceAndReadAgainWhenVehicleEventsSaysItChanged() {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        assertThat(pricePerDay(vehicle.id())).isEqualByComparingTo("49.90");
        assertThat(pricePerDay(vehicle.id())).isEqualByComparingTo("49.90");
        assertThat(vehicles.calls(vehicle.id())).as("read once, then kept").isEqualTo(1);

        vehicles.put(new VehicleServiceStub.Vehicle(vehicle.id(), vehicle.partnerId(), "ACTIVE", true,
                new BigDecimal("59.90"), "EUR", 60, List.of()));
        assertThat(pricePerDay(vehicle.id())).as("no event yet: the kept answer").isEqualByComparingTo("49.90");

        // junk keys first: skipped, the kept answer stays
        double skipped = counter("skipped");
        send(null);
        send("not-a-vehicle");
        Awaitility.await("junk keys skipped").atMost(Duration.ofSeconds(30))
                .until(() -> counter("skipped") >= skipped + 2);
        assertThat(pricePerDay(vehicle.id())).isEqualByComparingTo("49.90");

        // the instance's consumer starts at the end of the topic once it has its partitions: the record is sent
        // again until it is seen
        Awaitility.await("the price change reaches the quote").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300)).until(() -> {
                    send(vehicle.id().toString());
                    return pricePerDay(vehicle.id()).compareTo(new BigDecimal("59.90")) == 0;
                });
        assertThat(counter("forgotten")).isPositive();

        // a blackout (AvailabilityChanged) reaches the holds the same way
        vehicles.put(new VehicleServiceStub.Vehicle(vehicle.id(), vehicle.partnerId(), "ACTIVE", true,
                new BigDecimal("59.90"), "EUR", 60, List.of(new VehicleServiceStub.Blackout(pickup,
                        pickup.plus(Duration.ofDays(1))))));
        double forgotten = counter("forgotten");
        int reads = vehicles.calls(vehicle.id());
        send(vehicle.id().toString());
        Awaitility.await("the record seen").atMost(Duration.ofSeconds(30)).until(() -> counter("forgotten") > forgotten);
        hold(renter(), vehicle.id(), pickup, pickup.plus(Duration.ofDays(2))).problem(409, "vehicle-blacked-out");
        assertThat(vehicles.calls(vehicle.id())).as("read again after the record").isGreaterThan(reads);
    }

    private void send(String key) {
        // a whole envelope of a type no consumer handles (vehicle-service's and user-service's consumers of the
        // topic ignore it): this instance's cache forgets by the key alone, whatever the type
        String envelope = """
                {"eventId":"%s","type":"VehicleCacheTest","occurredAt":"%s","aggregateId":"%s","version":1,"payload":{}}
                """.formatted(UUID.randomUUID(), Instant.now(), key);
        producer.send(new ProducerRecord<>(Topics.VEHICLE_EVENTS, key, envelope.getBytes(StandardCharsets.UTF_8)));
        producer.flush();
    }

    private double counter(String result) {
        var counter = meters.find("smartlink.bookings.vehicle.events").tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    private com.smartlinkauto.booking.BookingApi.Reply quote(UUID vehicleId) {
        return api.get("/api/bookings/quote?vehicleId=" + vehicleId + "&pickupAt=" + pickup + "&returnAt="
                + pickup.plus(Duration.ofDays(1))).send();
    }

    private BigDecimal pricePerDay(UUID vehicleId) {
        return quote(vehicleId).expect(200).json().path("pricePerDay").decimalValue();
    }
}
