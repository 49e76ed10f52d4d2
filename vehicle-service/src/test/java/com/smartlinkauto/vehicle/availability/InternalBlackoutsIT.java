package com.smartlinkauto.vehicle.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.booking.BookingChanged;
import com.smartlinkauto.contracts.events.booking.BookingEventTypes;
import com.smartlinkauto.contracts.events.booking.RefundRequested;
import com.smartlinkauto.testsupport.security.TestTokens;
import com.smartlinkauto.vehicle.Api;
import com.smartlinkauto.vehicle.VehicleTestSupport;

import tools.jackson.databind.JsonNode;

/**
 * What booking-service reads and sends besides the vehicle's price: the blackouts of a vehicle (only
 * with booking-service's service token), and booking.events as it publishes them (a cancellation with its refund is
 * applied; a RefundRequested, meant for payment-service, is passed over without a trip to the DLT).
 */
class InternalBlackoutsIT extends VehicleTestSupport {

    private final Instant day = Instant.now().plus(Duration.ofDays(6)).truncatedTo(ChronoUnit.DAYS);

    @Test
    void bookingServiceReadsTheBlackoutsThatHaveNotEnded() {
        Partner owner = verifiedPartner();
        UUID id = bookable(owner, listing());
        api.post("/api/vehicles/" + id + "/blackouts", Map.of("from", day.toString(), "to",
                day.plus(Duration.ofDays(2)).toString(), "reason", "Service"), owner.token()).assertStatus(201);
        api.post("/api/vehicles/" + id + "/blackouts", Map.of("from", day.plus(Duration.ofDays(10)).toString(), "to",
                day.plus(Duration.ofDays(11)).toString()), owner.token()).assertStatus(201);

        Api.Response read = api.get("/internal/vehicles/" + id + "/blackouts", bookingService).assertStatus(200);
        JsonNode blackouts = read.json().path("blackouts");
        assertThat(blackouts).hasSize(2);
        assertThat(blackouts.get(0).path("from").asString()).isEqualTo(day.toString());
        assertThat(blackouts.get(0).path("to").asString()).isEqualTo(day.plus(Duration.ofDays(2)).toString());
        assertThat(read.body()).doesNotContain("Service");
        // the vehicle's own read carries them too: a hold costs booking-service one remote read
        JsonNode vehicle = api.get("/internal/vehicles/" + id, bookingService).assertStatus(200).json();
        assertThat(vehicle.path("blackouts")).isEqualTo(blackouts);
        assertThat(vehicle.path("basePricePerDay").isNumber()).isTrue();
        // an unknown vehicle has none
        assertThat(api.get("/internal/vehicles/" + UUID.randomUUID() + "/blackouts", bookingService).json()
                .path("blackouts")).isEmpty();
    }

    @Test
    void onlyAServiceTokenForVehicleServiceReadsThem() {
        UUID id = bookable(verifiedPartner(), listing());
        String path = "/internal/vehicles/" + id + "/blackouts";
        api.get(path).assertProblem(401, "unauthorized");
        api.get(path, admin).assertProblem(401, "unauthorized");
        api.get(path, TestTokens.service("booking-service", "storage-controller-service"))
                .assertProblem(401, "unauthorized");
    }

    @Test
    void aCancellationWithItsRefundIsAppliedAndARefundRequestIsPassedOver() {
        UUID vehicle = bookable(verifiedPartner(), listing());
        UUID bookingId = UUID.randomUUID();
        Instant pickup = day.plus(Duration.ofHours(9));
        BookingChanged held = booking(bookingId, vehicle, "CONFIRMED", pickup, pickup.plus(Duration.ofDays(2)), 2);
        publishBooking(BookingEventTypes.BOOKING_CONFIRMED, held);
        awaitBooking(bookingId, 2);

        // a RefundRequested first (another booking's): skipped, and the next event of the partition still lands
        UUID other = UUID.randomUUID();
        publish(Topics.BOOKING_EVENTS, bookingId.toString(), EventEnvelope.of(BookingEventTypes.REFUND_REQUESTED,
                other.toString(), new RefundRequested(other, vehicle, UUID.randomUUID(), "pi_1", new BigDecimal("99.80"),
                        "EUR", RefundRequested.SLOT_TAKEN, "EXPIRED", Instant.now())));
        BookingChanged cancelled = new BookingChanged(bookingId, vehicle, held.renterId(), held.partnerId(), "CANCELLED",
                held.pickupAt(), held.returnAt(), null, held.totalPrice(), "EUR", "plans changed", 3, Instant.now(),
                new BigDecimal("50.00"));
        publishBooking(BookingEventTypes.BOOKING_CANCELLED, cancelled);
        awaitBooking(bookingId, 3);
        assertThat(jdbc.sql("select status from vehicle_bookings where booking_id = ?").param(bookingId)
                .query(String.class).single()).isEqualTo("CANCELLED");
        assertThat(jdbc.sql("select count(*) from vehicle_bookings where booking_id = ?").param(other)
                .query(Long.class).single()).isZero();
        // a parked record would be on the DLT by now (the recoverer runs before the next record is handled)
        assertThat(deadLetterKeys()).doesNotContain(bookingId.toString());
    }

    private List<String> deadLetterKeys() {
        try (var consumer = new KafkaConsumer<String, String>(Map.of("bootstrap.servers", bootstrapServers,
                "group.id", "it-dlt-" + UUID.randomUUID(), "auto.offset.reset", "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.BOOKING_EVENTS)));
            List<String> keys = new ArrayList<>();
            long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
            }
            return keys;
        }
    }
}
