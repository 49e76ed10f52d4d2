package com.smartlinkauto.vehicle.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.booking.BookingEventTypes;
import com.smartlinkauto.contracts.events.vehicle.VehicleEventTypes;
import com.smartlinkauto.testsupport.security.TestTokens;
import com.smartlinkauto.vehicle.Api;
import com.smartlinkauto.testsupport.kafka.KafkaProbe;
import com.smartlinkauto.vehicle.VehicleTestSupport;

import tools.jackson.databind.JsonNode;

/** Blackouts (half-open, never overlapping), the booking projection and the availability view. */
class BlackoutIT extends VehicleTestSupport {

    private final Instant day = Instant.now().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.DAYS);

    private Map<String, Object> blackout(Instant from, Instant to) {
        return Map.of("from", from.toString(), "to", to.toString(), "reason", "Service");
    }

    @Test
    void blackoutsAreHalfOpenAndMayNotOverlapEachOther() {
        Partner owner = verifiedPartner();
        UUID id = bookable(owner, listing());
        String path = "/api/vehicles/" + id + "/blackouts";
        Api.Response first;
        try (KafkaProbe probe = new KafkaProbe(bootstrapServers, Topics.VEHICLE_EVENTS)) {
            first = api.post(path, blackout(day, day.plus(Duration.ofDays(1))), owner.token());
            first.assertStatus(201);
            JsonNode event = probe.awaitEvent(VehicleEventTypes.AVAILABILITY_CHANGED, id.toString());
            assertThat(event.path("payload").path("change").asString()).isEqualTo("BLACKOUT_ADDED");
            assertThat(event.path("payload").path("blackoutId").asString()).isEqualTo(first.text("id"));
        }
        // back to back on either side is fine
        api.post(path, blackout(day.plus(Duration.ofDays(1)), day.plus(Duration.ofDays(2))), owner.token())
                .assertStatus(201);
        api.post(path, blackout(day.minus(Duration.ofHours(3)), day), owner.token()).assertStatus(201);
        // any overlap is not
        api.post(path, blackout(day.plus(Duration.ofHours(23)), day.plus(Duration.ofHours(25))), owner.token())
                .assertProblem(409, "blackout-overlap");
        api.post(path, blackout(day.minus(Duration.ofDays(3)), day.plus(Duration.ofDays(3))), owner.token())
                .assertProblem(409, "blackout-overlap");
        // bad input
        api.post(path, blackout(day, day), owner.token()).assertInvalid("to");
        api.post(path, blackout(day, day.minus(Duration.ofHours(1))), owner.token()).assertInvalid("to");
        api.post(path, blackout(Instant.now().minus(Duration.ofDays(3)), Instant.now().minus(Duration.ofDays(2))),
                owner.token()).assertInvalid("to");
        api.post(path, blackout(day, day.plus(Duration.ofDays(400))), owner.token()).assertInvalid("to");
        api.post(path, Map.of("from", "soon", "to", day.toString()), owner.token())
                .assertProblem(400, "malformed-request");
        api.post(path, Map.of("to", day.toString()), owner.token()).assertInvalid("from");
        assertThat(api.get(path, owner.token()).json().size()).isEqualTo(3);

        api.delete(path + "/" + first.text("id"), owner.token()).assertStatus(204);
        api.delete(path + "/" + first.text("id"), owner.token()).assertProblem(404, "not-found");
        assertThat(api.get(path, owner.token()).json().size()).isEqualTo(2);
        // the freed day can be blocked again
        api.post(path, blackout(day.plus(Duration.ofHours(2)), day.plus(Duration.ofHours(4))), owner.token())
                .assertStatus(201);
    }

    @Test
    void onlyTheOwnerOrAnAdminManagesBlackouts() {
        Partner owner = verifiedPartner();
        UUID id = bookable(owner, listing());
        String path = "/api/vehicles/" + id + "/blackouts";
        String blackoutId = api.post(path, blackout(day, day.plus(Duration.ofDays(1))), owner.token()).text("id");
        Partner other = partner();
        api.post(path, blackout(day.plus(Duration.ofDays(3)), day.plus(Duration.ofDays(4))), other.token())
                .assertProblem(404, "not-found");
        api.get(path, other.token()).assertProblem(404, "not-found");
        api.get(path, null).assertProblem(401, "unauthorized");
        api.delete(path + "/" + blackoutId, other.token()).assertProblem(404, "not-found");
        api.delete(path + "/" + blackoutId, TestTokens.token("RENTER")).assertProblem(404, "not-found");
        assertThat(api.get(path, admin).json().size()).isEqualTo(1);
        api.post(path, blackout(day.plus(Duration.ofDays(3)), day.plus(Duration.ofDays(4))), admin).assertStatus(201);
    }

    @Test
    void availabilityListsBlackoutsAndBlockingBookingsWithTheirTurnaroundAndIgnoresTheRest() {
        Partner owner = verifiedPartner();
        Map<String, Object> body = listing();
        body.put("turnaroundMinutes", 30);
        UUID id = bookable(owner, body);
        api.post("/api/vehicles/" + id + "/blackouts", blackout(day, day.plus(Duration.ofHours(6))), owner.token())
                .assertStatus(201);
        UUID confirmed = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        UUID lapsed = UUID.randomUUID();
        Instant pickup = day.plus(Duration.ofDays(1));
        publishBooking(BookingEventTypes.BOOKING_CONFIRMED,
                booking(confirmed, id, "CONFIRMED", pickup, pickup.plus(Duration.ofDays(1)), 2));
        publishBooking(BookingEventTypes.BOOKING_CANCELLED,
                booking(cancelled, id, "CANCELLED", pickup.plus(Duration.ofDays(2)), pickup.plus(Duration.ofDays(3)), 2));
        var lapsedHold = new com.smartlinkauto.contracts.events.booking.BookingChanged(lapsed, id, UUID.randomUUID(),
                owner.id(), "HELD", pickup.plus(Duration.ofDays(4)), pickup.plus(Duration.ofDays(5)),
                Instant.now().minus(Duration.ofMinutes(1)), java.math.BigDecimal.TEN, "EUR", null, 1, Instant.now());
        publishBooking(BookingEventTypes.BOOKING_HELD, lapsedHold);
        // a duplicate and an older event of the confirmed booking change nothing
        publishBooking(BookingEventTypes.BOOKING_HELD,
                booking(confirmed, id, "HELD", pickup, pickup.plus(Duration.ofDays(1)), 1));
        publishBooking(BookingEventTypes.BOOKING_CONFIRMED,
                booking(confirmed, id, "CONFIRMED", pickup, pickup.plus(Duration.ofDays(1)), 2));
        awaitBooking(cancelled, 2);
        awaitBooking(lapsed, 1);
        awaitBooking(confirmed, 2);

        JsonNode availability = api.get("/api/vehicles/" + id + "/availability?from=" + day.minus(Duration.ofDays(1))
                + "&to=" + day.plus(Duration.ofDays(10))).json();
        assertThat(availability.path("turnaroundMinutes").asInt()).isEqualTo(30);
        JsonNode busy = availability.path("busy");
        assertThat(busy.size()).as(availability.toString()).isEqualTo(2);
        assertThat(busy.get(0).path("kind").asString()).isEqualTo("BLACKOUT");
        assertThat(Instant.parse(busy.get(0).path("to").asString())).isEqualTo(day.plus(Duration.ofHours(6)));
        assertThat(busy.get(1).path("kind").asString()).isEqualTo("BOOKING");
        assertThat(Instant.parse(busy.get(1).path("from").asString())).isEqualTo(pickup);
        assertThat(Instant.parse(busy.get(1).path("to").asString()))
                .isEqualTo(pickup.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(30)));
        assertThat(busy.toString()).as("no booking ids or renters").doesNotContain(confirmed.toString());
        // a window that sees nothing
        assertThat(api.get("/api/vehicles/" + id + "/availability?from=" + day.plus(Duration.ofDays(20)) + "&to="
                + day.plus(Duration.ofDays(21))).json().path("busy").size()).isZero();
        // bad windows
        api.get("/api/vehicles/" + id + "/availability?from=" + day + "&to=" + day).assertInvalid("to");
        api.get("/api/vehicles/" + id + "/availability?from=" + day).assertProblem(400, "malformed-request");
        api.get("/api/vehicles/" + id + "/availability?from=x&to=y").assertProblem(400, "malformed-request");
        api.get("/api/vehicles/" + UUID.randomUUID() + "/availability?from=" + day + "&to="
                + day.plus(Duration.ofDays(1))).assertProblem(404, "not-found");
    }

    @Test
    void aMalformedBookingEventIsParkedOnTheDeadLetterTopicAndTheConsumerCarriesOn() {
        Partner owner = verifiedPartner();
        UUID id = bookable(owner, listing());
        try (KafkaProbe dlt = new KafkaProbe(bootstrapServers, Topics.deadLetter(Topics.BOOKING_EVENTS))) {
            publish(Topics.BOOKING_EVENTS, "poison", "{\"not\": \"an envelope\"");
            dlt.await(record -> "poison".equals(record.key()));
        }
        UUID bookingId = UUID.randomUUID();
        publishBooking(BookingEventTypes.BOOKING_HELD, booking(bookingId, id, "HELD", day, day.plus(Duration.ofDays(1)), 1));
        awaitBooking(bookingId, 1);
    }
}
