package com.smartlinkauto.booking.hold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.booking.BookingApi;
import com.smartlinkauto.booking.BookingTestSupport;
import com.smartlinkauto.booking.VehicleServiceStub;
import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.booking.BookingChanged;
import com.smartlinkauto.contracts.events.booking.BookingEventTypes;
import com.smartlinkauto.testsupport.kafka.KafkaProbe;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/** Holds: the answer, the snapshot, the event, and every refusal as a clear 4xx that writes nothing. */
class HoldIT extends BookingTestSupport {

    private final Instant pickup = minuteIn(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    private final Instant ret = pickup.plus(Duration.ofHours(49));

    @Test
    void aHoldIsHeldWithTheServersPriceAndPublishedAsBookingHeld() {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        Party renter = renter();
        BookingApi.Reply reply;
        try (KafkaProbe probe = new KafkaProbe(bootstrapServers, Topics.BOOKING_EVENTS)) {
            reply = hold(renter, vehicle.id(), pickup, ret).expect(201);
            JsonNode booking = reply.json();
            String id = booking.path("id").asString();
            assertThat(reply.header("Location")).hasValue("/api/bookings/" + id);
            assertThat(reply.header("Idempotent-Replayed")).isEmpty();
            assertThat(booking.path("status").asString()).isEqualTo("HELD");
            assertThat(booking.path("vehicleId").asString()).isEqualTo(vehicle.id().toString());
            assertThat(booking.path("renterId").asString()).isEqualTo(renter.id().toString());
            assertThat(booking.path("partnerId").asString()).isEqualTo(vehicle.partnerId().toString());
            assertThat(Instant.parse(booking.path("pickupAt").asString())).isEqualTo(pickup);
            assertThat(Instant.parse(booking.path("returnAt").asString())).isEqualTo(ret);
            // 49 h = 3 started days × 49.90, plus the 10 % fee
            assertThat(booking.path("days").asInt()).isEqualTo(3);
            assertThat(booking.path("pricePerDay").decimalValue()).isEqualByComparingTo("49.90");
            assertThat(booking.path("subtotal").decimalValue()).isEqualByComparingTo("149.70");
            assertThat(booking.path("serviceFee").decimalValue()).isEqualByComparingTo("14.97");
            assertThat(booking.path("total").decimalValue()).isEqualByComparingTo("164.67");
            assertThat(booking.path("currency").asString()).isEqualTo("EUR");
            assertThat(Instant.parse(booking.path("holdExpiresAt").asString()))
                    .isCloseTo(Instant.now().plus(Duration.ofMinutes(10)), within(30, ChronoUnit.SECONDS));

            JsonNode event = probe.awaitEvent(BookingEventTypes.BOOKING_HELD, id);
            // exactly the contract vehicle-service's projection reads
            EventEnvelope<BookingChanged> envelope = BookingApi.JSON.treeToValue(event,
                    new TypeReference<EventEnvelope<BookingChanged>>() {
                    });
            BookingChanged payload = envelope.payload();
            assertThat(payload.bookingId()).isEqualTo(UUID.fromString(id));
            assertThat(payload.vehicleId()).isEqualTo(vehicle.id());
            assertThat(payload.status()).isEqualTo("HELD");
            assertThat(payload.sequence()).isEqualTo(1);
            assertThat(payload.pickupAt()).isEqualTo(pickup);
            assertThat(payload.returnAt()).isEqualTo(ret);
            assertThat(payload.expiresAt()).isEqualTo(Instant.parse(booking.path("holdExpiresAt").asString()));
            assertThat(payload.totalPrice()).isEqualByComparingTo("164.67");
            assertThat(payload.refundAmount()).isNull();
            assertThat(event.path("payload").has("refundAmount")).isFalse();
        }
        // the snapshot is stored in minor units
        assertThat(count("select total_minor from bookings where id = ?", UUID.fromString(reply.text("id"))))
                .isEqualTo(16467);
    }

    @Test
    void backToBackRangesBothHoldAndTheTurnaroundIsRespectedToTheMinute() {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable(); // 60 minutes' turnaround
        hold(renter(), vehicle.id(), pickup, ret).expect(201);
        // before: ends exactly one turnaround before the pickup
        hold(renter(), vehicle.id(), pickup.minus(Duration.ofDays(1)), pickup.minus(Duration.ofMinutes(60)))
                .expect(201);
        // after: one minute inside the turnaround is refused, naming the booking in the way; at the turnaround's end
        // it holds
        BookingApi.Reply refused = hold(renter(), vehicle.id(), ret.plus(Duration.ofMinutes(59)),
                ret.plus(Duration.ofDays(1))).problem(409, "booking-conflict");
        assertThat(Instant.parse(refused.json().path("busyFrom").asString())).isEqualTo(pickup);
        assertThat(Instant.parse(refused.json().path("busyTo").asString())).isEqualTo(ret.plus(Duration.ofMinutes(60)));
        assertThat(refused.json().path("detail").asString()).contains(vehicle.id().toString());
        hold(renter(), vehicle.id(), ret.plus(Duration.ofMinutes(60)), ret.plus(Duration.ofDays(1))).expect(201);
        // any overlap of the middle one is refused
        hold(renter(), vehicle.id(), pickup.plus(Duration.ofHours(3)), pickup.plus(Duration.ofHours(4)))
                .problem(409, "booking-conflict");
        hold(renter(), vehicle.id(), pickup.minus(Duration.ofDays(2)), ret.plus(Duration.ofDays(5)))
                .problem(409, "booking-conflict");
        assertThat(count("select count(*) from bookings where vehicle_id = ?", vehicle.id())).isEqualTo(3);
        assertThat(overlappingPairs()).isZero();
    }

    @Test
    void aLapsedHoldOfTheVehicleIsExpiredByTheNextHoldAndPublished() {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        UUID lapsed = held(renter(), vehicle.id(), pickup, ret);
        jdbc.sql("update bookings set hold_expires_at = now() - interval '1 second' where id = ?").param(lapsed)
                .update();
        try (KafkaProbe probe = new KafkaProbe(bootstrapServers, Topics.BOOKING_EVENTS)) {
            UUID next = held(renter(), vehicle.id(), pickup, ret);
            assertThat(status(lapsed)).isEqualTo("EXPIRED");
            assertThat(status(next)).isEqualTo("HELD");
            JsonNode expired = probe.awaitEvent(BookingEventTypes.BOOKING_EXPIRED, lapsed.toString());
            assertThat(expired.path("payload").path("sequence").asLong()).isEqualTo(2);
            assertThat(expired.path("payload").path("expiresAt").isNull()).isTrue();
        }
        assertThat(overlappingPairs()).isZero();
    }

    @Test
    void aVehicleWithoutTurnaroundTakesTheNextRenterAtTheReturnMinute() {
        VehicleServiceStub.Vehicle vehicle = vehicles.put(new VehicleServiceStub.Vehicle(UUID.randomUUID(),
                UUID.randomUUID(), "ACTIVE", true, new BigDecimal("30.00"), "EUR", 0, List.of()));
        hold(renter(), vehicle.id(), pickup, ret).expect(201);
        hold(renter(), vehicle.id(), ret, ret.plus(Duration.ofHours(2))).expect(201);
        hold(renter(), vehicle.id(), ret.minus(Duration.ofMinutes(1)), ret.plus(Duration.ofHours(5)))
                .problem(409, "booking-conflict");
    }

    @Test
    void blackoutsRefuse() {
        VehicleServiceStub.Vehicle vehicle = vehicles.put(vehicles.bookable().withBlackouts(
                List.of(new VehicleServiceStub.Blackout(pickup.plus(Duration.ofDays(1)), pickup.plus(Duration.ofDays(2))))));
        BookingApi.Reply refused = hold(renter(), vehicle.id(), pickup, ret).problem(409, "vehicle-blacked-out");
        assertThat(refused.json().path("blockedFrom").asString()).isEqualTo(pickup.plus(Duration.ofDays(1)).toString());
        // the blackout is half-open: ending at its start or starting at its end is fine
        hold(renter(), vehicle.id(), pickup, pickup.plus(Duration.ofDays(1))).expect(201);
        hold(renter(), vehicle.id(), pickup.plus(Duration.ofDays(2)), pickup.plus(Duration.ofDays(3))).expect(201);
        assertThat(count("select count(*) from bookings where vehicle_id = ?", vehicle.id())).isEqualTo(2);
    }

    @Test
    void aVehicleThatIsNotBookableUnknownOrOwnIsRefused() {
        VehicleServiceStub.Vehicle suspended = vehicles.put(vehicles.bookable().notBookable("SUSPENDED"));
        hold(renter(), suspended.id(), pickup, ret).problem(409, "vehicle-not-bookable");
        hold(renter(), UUID.randomUUID(), pickup, ret).problem(404, "not-found");

        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        Party partnerAsRenter = party(vehicle.partnerId(), "RENTER", "PARTNER");
        hold(partnerAsRenter, vehicle.id(), pickup, ret).problem(403, "own-vehicle");
        // only renters hold
        api.post("/api/bookings").token(owner(vehicle).token()).header("Idempotency-Key", "k1")
                .json(body(vehicle.id(), pickup, ret)).send().problem(403, "forbidden");
        api.post("/api/bookings").token(admin).header("Idempotency-Key", "k1").json(body(vehicle.id(), pickup, ret))
                .send().problem(403, "forbidden");
        api.post("/api/bookings").header("Idempotency-Key", "k1").json(body(vehicle.id(), pickup, ret)).send()
                .problem(401, "unauthorized");
        api.post("/api/bookings").token(paymentService).header("Idempotency-Key", "k1")
                .json(body(vehicle.id(), pickup, ret)).send().problem(401, "unauthorized");
        assertThat(count("select count(*) from bookings where vehicle_id in (?, ?)", suspended.id(), vehicle.id()))
                .isZero();
    }

    @Test
    void vehicleServiceUnreachableIsA503AndNothingIsWritten() {
        VehicleServiceStub.Vehicle failing = vehicles.bookable();
        vehicles.behave(failing.id(), VehicleServiceStub.Behaviour.FAILING);
        Party renter = renter();
        String key = UUID.randomUUID().toString();
        BookingApi.Reply unavailable = hold(renter, key, failing.id(), pickup, ret)
                .problem(503, "vehicle-service-unavailable");
        assertThat(unavailable.header("Retry-After")).isPresent();
        VehicleServiceStub.Vehicle dropping = vehicles.bookable();
        vehicles.behave(dropping.id(), VehicleServiceStub.Behaviour.DROPPING);
        hold(renter(), dropping.id(), pickup, ret).problem(503, "vehicle-service-unavailable");
        assertThat(count("select count(*) from bookings where vehicle_id in (?, ?)", failing.id(), dropping.id()))
                .isZero();
        assertThat(count("select count(*) from idempotency_keys where renter_id = ?", renter.id())).isZero();
        // the key was not spent: once vehicle-service answers, the same request holds
        vehicles.behave(failing.id(), VehicleServiceStub.Behaviour.NORMAL);
        hold(renter, key, failing.id(), pickup, ret).expect(201);
    }

    @Test
    void aClientChosenPriceOrAnyOtherExtraFieldIsA400() {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        for (String field : List.of("price", "total", "pricePerDay", "renterId", "status", "currency")) {
            Map<String, Object> body = new LinkedHashMap<>(body(vehicle.id(), pickup, ret));
            body.put(field, "price".equals(field) || "total".equals(field) ? new BigDecimal("0.01") : "x");
            api.post("/api/bookings").token(renter().token()).header("Idempotency-Key", UUID.randomUUID().toString())
                    .json(body).send().refuses(field);
        }
        assertThat(count("select count(*) from bookings where vehicle_id = ?", vehicle.id())).isZero();
    }

    @Test
    void everyBadDateIsRefusedNamingTheField() {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        Instant soon = minuteIn(Duration.ofMinutes(30));
        hold(renter(), vehicle.id(), Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MINUTES), ret)
                .refuses("pickupAt");
        hold(renter(), vehicle.id(), soon, soon.plus(Duration.ofDays(1))).refuses("pickupAt");
        hold(renter(), vehicle.id(), pickup, pickup).refuses("returnAt");
        hold(renter(), vehicle.id(), pickup, pickup.minus(Duration.ofHours(1))).refuses("returnAt");
        hold(renter(), vehicle.id(), pickup, pickup.plus(Duration.ofDays(90)).plus(Duration.ofMinutes(1)))
                .refuses("returnAt");
        hold(renter(), vehicle.id(), pickup.plusSeconds(30), ret).refuses("pickupAt");
        hold(renter(), vehicle.id(), pickup, ret.plusMillis(500)).refuses("returnAt");
        hold(renter(), vehicle.id(), minuteIn(Duration.ofDays(800)), minuteIn(Duration.ofDays(801)))
                .refuses("pickupAt");
        // 90 days exactly is fine
        hold(renter(), vehicle.id(), pickup, pickup.plus(Duration.ofDays(90))).expect(201);
    }

    @Test
    void malformedRequestsAre400sAndNever500s() {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        String token = renter().token();
        String key = UUID.randomUUID().toString();
        // the key
        api.post("/api/bookings").token(token).json(body(vehicle.id(), pickup, ret)).send().refuses("Idempotency-Key");
        api.post("/api/bookings").token(token).header("Idempotency-Key", "x".repeat(256))
                .json(body(vehicle.id(), pickup, ret)).send().refuses("Idempotency-Key");
        // the body
        for (String body : List.of("{", "[]", "null", "\"text\"",
                "{\"vehicleId\":\"not-a-uuid\",\"pickupAt\":\"" + pickup + "\",\"returnAt\":\"" + ret + "\"}",
                "{\"vehicleId\":\"" + vehicle.id() + "\",\"pickupAt\":\"soon\",\"returnAt\":\"" + ret + "\"}",
                "{\"vehicleId\":\"" + vehicle.id() + "\",\"pickupAt\":\"+300000-01-01T00:00:00Z\",\"returnAt\":\"" + ret
                        + "\"}",
                "{\"vehicleId\":\"" + vehicle.id() + "\",\"pickupAt\":12,\"returnAt\":\"" + ret + "\"}",
                "{\"vehicleId\":\"" + vehicle.id() + "\",\"returnAt\":\"" + ret + "\"}",
                "{\"vehicleId\":null,\"pickupAt\":\"" + pickup + "\",\"returnAt\":\"" + ret + "\"}")) {
            BookingApi.Reply reply = api.post("/api/bookings").token(token).header("Idempotency-Key", key).json(body)
                    .send();
            assertThat(reply.status()).as(body + " → " + reply.body()).isEqualTo(400);
            assertThat(reply.header("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }
        api.post("/api/bookings").token(token).header("Idempotency-Key", key).header("Content-Type", "text/plain")
                .json(body(vehicle.id(), pickup, ret)).send().problem(415, "unsupported-media-type");
        api.call("PUT", "/api/bookings").token(token).send().problem(405, "method-not-allowed");
        assertThat(count("select count(*) from bookings where vehicle_id = ?", vehicle.id())).isZero();
        assertThat(count("select count(*) from idempotency_keys where idempotency_key = ?", key)).isZero();
    }
}
