package com.smartlinkauto.booking.cancel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.booking.BookingApi;
import com.smartlinkauto.booking.BookingTestSupport;
import com.smartlinkauto.booking.VehicleServiceStub;
import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.booking.BookingEventTypes;
import com.smartlinkauto.testsupport.kafka.KafkaProbe;

import tools.jackson.databind.JsonNode;

/**
 * Cancellation at each edge of the policy (config-repo: 100 % at least 24 h before the pickup, 50 % later, nothing
 * from the pickup on), the refund on the event, and who may cancel.
 */
class CancellationIT extends BookingTestSupport {

    /** A CONFIRMED booking of a new vehicle for {@code renter}, picked up at {@code pickup}: total 54.89 EUR. */
    private UUID confirmed(Party renter, Instant pickup) {
        UUID booking = held(renter, vehicles.bookable().id(), pickup, pickup.plus(Duration.ofDays(1)));
        confirm(booking, "pi_" + booking).expect(200);
        return booking;
    }

    private BookingApi.Reply cancel(UUID booking, String token, Object body) {
        BookingApi.Call call = api.post("/api/bookings/" + booking + "/cancel").token(token);
        if (body != null) {
            call.json(body);
        }
        return call.send();
    }

    @Test
    void aHoldIsCancelledFreeOfChargeAndItsSlotIsFreeAgain() {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        Party renter = renter();
        Instant pickup = minuteIn(Duration.ofDays(2));
        UUID booking = held(renter, vehicle.id(), pickup, pickup.plus(Duration.ofDays(1)));
        try (KafkaProbe probe = new KafkaProbe(bootstrapServers, Topics.BOOKING_EVENTS)) {
            JsonNode view = cancel(booking, renter.token(), Map.of("reason", "  plans changed ")).expect(200).json();
            assertThat(view.path("status").asString()).isEqualTo("CANCELLED");
            assertThat(view.path("refundAmount").isNull()).isTrue();
            assertThat(view.path("cancelReason").asString()).isEqualTo("plans changed");
            assertThat(view.path("holdExpiresAt").isNull()).isTrue();
            JsonNode event = probe.awaitEvent(BookingEventTypes.BOOKING_CANCELLED, booking.toString());
            assertThat(event.path("payload").path("status").asString()).isEqualTo("CANCELLED");
            assertThat(event.path("payload").path("reason").asString()).isEqualTo("plans changed");
            assertThat(event.path("payload").path("sequence").asLong()).isEqualTo(2);
            assertThat(event.path("payload").has("refundAmount")).as("nothing was charged").isFalse();
        }
        held(renter(), vehicle.id(), pickup, pickup.plus(Duration.ofDays(1)));
        // once is enough
        cancel(booking, renter.token(), null).problem(409, "illegal-booking-transition");
    }

    @Test
    void atLeast24HoursBeforeThePickupTheWholeTotalComesBack() {
        Party renter = renter();
        // a minute past the edge at the moment of cancelling
        UUID booking = confirmed(renter, minuteIn(Duration.ofHours(24)).plus(Duration.ofMinutes(1)));
        try (KafkaProbe probe = new KafkaProbe(bootstrapServers, Topics.BOOKING_EVENTS)) {
            JsonNode view = cancel(booking, renter.token(), null).expect(200).json();
            assertThat(view.path("refundAmount").decimalValue()).isEqualByComparingTo("54.89");
            assertThat(view.path("total").decimalValue()).isEqualByComparingTo("54.89");
            JsonNode event = probe.awaitEvent(BookingEventTypes.BOOKING_CANCELLED, booking.toString());
            assertThat(event.path("payload").path("refundAmount").decimalValue()).isEqualByComparingTo("54.89");
            assertThat(event.path("payload").path("sequence").asLong()).isEqualTo(3);
            assertThat(event.path("payload").path("reason").isNull()).isTrue();
        }
        assertThat(count("select refund_minor from bookings where id = ?", booking)).isEqualTo(5489);
    }

    @Test
    void lessThan24HoursBeforeThePickupHalfComesBack() {
        Party renter = renter();
        // a minute inside the edge
        Instant pickup = Instant.now().plus(Duration.ofHours(24)).truncatedTo(ChronoUnit.MINUTES)
                .minus(Duration.ofMinutes(1));
        UUID booking = confirmed(renter, pickup);
        try (KafkaProbe probe = new KafkaProbe(bootstrapServers, Topics.BOOKING_EVENTS)) {
            JsonNode view = cancel(booking, renter.token(), Map.of("reason", "ill")).expect(200).json();
            assertThat(view.path("refundAmount").decimalValue()).isEqualByComparingTo("27.45"); // 27.445 → 27.45
            JsonNode event = probe.awaitEvent(BookingEventTypes.BOOKING_CANCELLED, booking.toString());
            assertThat(event.path("payload").path("refundAmount").decimalValue()).isEqualByComparingTo("27.45");
        }
        // an hour before the pickup: still half
        UUID late = confirmed(renter, minuteIn(Duration.ofMinutes(61)));
        assertThat(cancel(late, renter.token(), null).expect(200).json().path("refundAmount").decimalValue())
                .isEqualByComparingTo("27.45");
    }

    @Test
    void fromThePickupOnAConfirmedBookingCannotBeCancelled() {
        Party renter = renter();
        UUID booking = confirmed(renter, minuteIn(Duration.ofDays(3)));
        // the rental began a minute ago (moved here; it returns tomorrow)
        jdbc.sql("update bookings set pickup_at = date_trunc('minute', now()) - interval '1 minute', "
                + "return_at = date_trunc('minute', now()) + interval '1 day', "
                + "blocked_until = date_trunc('minute', now()) + interval '1 day' + make_interval(mins => turnaround_minutes) "
                + "where id = ?").param(booking).update();
        cancel(booking, renter.token(), null).problem(409, "illegal-booking-transition");
        cancel(booking, admin, null).problem(409, "illegal-booking-transition");
        assertThat(status(booking)).isEqualTo("CONFIRMED");
    }

    @Test
    void onlyTheRenterOrAnAdminCancels() {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        Party renter = renter();
        Instant pickup = minuteIn(Duration.ofDays(3));
        UUID booking = held(renter, vehicle.id(), pickup, pickup.plus(Duration.ofDays(1)));
        cancel(booking, owner(vehicle).token(), null).problem(403, "forbidden");
        cancel(booking, renter().token(), null).problem(404, "not-found");
        cancel(booking, party("PARTNER").token(), null).problem(404, "not-found");
        api.post("/api/bookings/" + booking + "/cancel").send().problem(401, "unauthorized");
        cancel(booking, paymentService, null).problem(401, "unauthorized");
        assertThat(status(booking)).isEqualTo("HELD");
        JsonNode byAdmin = cancel(booking, admin, Map.of("reason", "fraud check")).expect(200).json();
        assertThat(byAdmin.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(count("select count(*) from bookings where id = ? and cancelled_by is not null", booking))
                .isEqualTo(1);
    }

    @Test
    void expiredAndUnknownBookingsAndBadInputAreRefused() {
        Party renter = renter();
        Instant pickup = minuteIn(Duration.ofDays(3));
        UUID booking = held(renter, vehicles.bookable().id(), pickup, pickup.plus(Duration.ofDays(1)));
        for (Object body : List.of(Map.of("reason", "r".repeat(501)), Map.of("reason", "bad\u0000reason"),
                Map.of("reason", "\u202Eevil"))) {
            cancel(booking, renter.token(), body).refuses("reason");
        }
        cancel(booking, renter.token(), Map.of("refundAmount", 100)).refuses("refundAmount");
        cancel(booking, renter.token(), "{").problem(400, "malformed-request");
        api.post("/api/bookings/not-a-uuid/cancel").token(renter.token()).send().refuses("id");
        cancel(UUID.randomUUID(), renter.token(), null).problem(404, "not-found");
        assertThat(status(booking)).isEqualTo("HELD");

        jdbc.sql("update bookings set status = 'EXPIRED', sequence = sequence + 1 where id = ?").param(booking).update();
        cancel(booking, renter.token(), null).problem(409, "illegal-booking-transition");
    }
}
