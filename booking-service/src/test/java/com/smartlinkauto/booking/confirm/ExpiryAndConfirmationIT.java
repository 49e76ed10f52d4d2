package com.smartlinkauto.booking.confirm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import com.smartlinkauto.booking.BookingApi;
import com.smartlinkauto.booking.BookingTestSupport;
import com.smartlinkauto.booking.VehicleServiceStub;
import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.booking.BookingEventTypes;
import com.smartlinkauto.testsupport.kafka.KafkaProbe;
import com.smartlinkauto.testsupport.security.TestTokens;

import tools.jackson.databind.JsonNode;

/**
 * Holds that lapse (a 3-second hold here; the sweeper every half second), the slot they free, and payment-service's
 * confirmation before and after that: CONFIRMED while the slot is free, RefundRequested when someone else has it,
 * nothing new for a repeated confirmation. Also the sweeper's completion of returned rentals, and who may confirm.
 */
@TestPropertySource(properties = { "smartlink.bookings.hold-duration=3s", "smartlink.bookings.sweeper.interval=500ms" })
class ExpiryAndConfirmationIT extends BookingTestSupport {

    private final Instant pickup = minuteIn(Duration.ofDays(5));
    private final Instant ret = pickup.plus(Duration.ofDays(1));

    private void awaitStatus(UUID bookingId, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(status(bookingId)));
    }

    @Test
    void anExpiredHoldFreesTheSlotAndALatePaymentForItIsRefunded() {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        try (KafkaProbe probe = new KafkaProbe(bootstrapServers, Topics.BOOKING_EVENTS)) {
            UUID first = held(renter(), vehicle.id(), pickup, ret);
            hold(renter(), vehicle.id(), pickup, ret).problem(409, "booking-conflict");

            awaitStatus(first, "EXPIRED");
            JsonNode expired = probe.awaitEvent(BookingEventTypes.BOOKING_EXPIRED, first.toString());
            assertThat(expired.path("payload").path("status").asString()).isEqualTo("EXPIRED");
            assertThat(expired.path("payload").path("sequence").asLong()).isEqualTo(2);

            // the slot is free again; its new holder pays at once
            UUID second = held(renter(), vehicle.id(), pickup, ret);
            assertThat(confirm(second, "pi_second").expect(200).json().path("outcome").asString())
                    .isEqualTo("CONFIRMED");
            // the first renter's payment arrives late: the slot is taken, the payment goes back
            JsonNode answer = confirm(first, "pi_late_1").expect(200).json();
            assertThat(answer.path("outcome").asString()).isEqualTo("REFUND_REQUESTED");
            assertThat(answer.path("booking").path("status").asString()).isEqualTo("EXPIRED");
            assertThat(answer.path("refund").path("reason").asString()).isEqualTo("SLOT_TAKEN");
            assertThat(answer.path("refund").path("amount").decimalValue()).isEqualByComparingTo("54.89");
            JsonNode refund = probe.awaitEvent(BookingEventTypes.REFUND_REQUESTED, first.toString());
            assertThat(refund.path("payload").path("paymentReference").asString()).isEqualTo("pi_late_1");
            assertThat(refund.path("payload").path("amount").decimalValue()).isEqualByComparingTo("54.89");
            assertThat(refund.path("payload").path("currency").asString()).isEqualTo("EUR");
            assertThat(status(first)).isEqualTo("EXPIRED");
            assertThat(status(second)).isEqualTo("CONFIRMED");
            // asked once per payment
            confirm(first, "pi_late_1").expect(200);
            assertThat(count("select count(*) from refund_requests where booking_id = ?", first)).isEqualTo(1);
        }
        assertThat(overlappingPairs()).isZero();
    }

    @Test
    void aLatePaymentConfirmsAnExpiredHoldWhileTheSlotIsStillFree() {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        UUID booking = held(renter(), vehicle.id(), pickup, ret);
        awaitStatus(booking, "EXPIRED");
        try (KafkaProbe probe = new KafkaProbe(bootstrapServers, Topics.BOOKING_EVENTS)) {
            JsonNode answer = confirm(booking, "pi_ok_1").expect(200).json();
            assertThat(answer.path("outcome").asString()).isEqualTo("CONFIRMED");
            assertThat(answer.path("booking").path("status").asString()).isEqualTo("CONFIRMED");
            assertThat(answer.path("booking").path("confirmedAt").isNull()).isFalse();
            assertThat(answer.path("refund").isNull()).isTrue();
            JsonNode confirmed = probe.awaitEvent(BookingEventTypes.BOOKING_CONFIRMED, booking.toString());
            assertThat(confirmed.path("payload").path("sequence").asLong()).isEqualTo(3);
            assertThat(confirmed.path("payload").path("expiresAt").isNull()).isTrue();
        }
        // it blocks the vehicle again, and the sweeper leaves it alone
        hold(renter(), vehicle.id(), pickup, ret).problem(409, "booking-conflict");
        assertThat(status(booking)).isEqualTo("CONFIRMED");

        // the same payment again changes nothing; another payment for it goes back
        assertThat(confirm(booking, "pi_ok_1").expect(200).json().path("outcome").asString()).isEqualTo("UNCHANGED");
        assertThat(confirm(booking, null).expect(200).json().path("outcome").asString()).isEqualTo("UNCHANGED");
        JsonNode doublePaid = confirm(booking, "pi_ok_2").expect(200).json();
        assertThat(doublePaid.path("outcome").asString()).isEqualTo("REFUND_REQUESTED");
        assertThat(doublePaid.path("refund").path("reason").asString()).isEqualTo("ALREADY_PAID");
        assertThat(count("select sequence from bookings where id = ?", booking)).isEqualTo(3);
    }

    @Test
    void aHeldBookingIsConfirmedOnceAndTheSweeperCompletesItAfterTheReturn() {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        UUID booking = held(renter(), vehicle.id(), pickup, ret);
        JsonNode answer = confirm(booking, "pi_held_1").expect(200).json();
        assertThat(answer.path("outcome").asString()).isEqualTo("CONFIRMED");
        assertThat(answer.path("booking").path("holdExpiresAt").isNull()).isTrue();
        // the hold's 3 seconds pass: a confirmed booking does not expire
        Awaitility.await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10))
                .until(() -> "CONFIRMED".equals(status(booking)));

        // its rental ends (moved into the past here): the sweeper completes it
        try (KafkaProbe probe = new KafkaProbe(bootstrapServers, Topics.BOOKING_EVENTS)) {
            jdbc.sql("update bookings set pickup_at = now() - interval '3 days', return_at = now() - interval '1 day', "
                    + "blocked_until = now() - interval '1 day' + make_interval(mins => turnaround_minutes) "
                    + "where id = ?").param(booking).update();
            awaitStatus(booking, "COMPLETED");
            JsonNode completed = probe.awaitEvent(BookingEventTypes.BOOKING_COMPLETED, booking.toString());
            assertThat(completed.path("payload").path("sequence").asLong()).isEqualTo(3);
        }
        assertThat(confirm(booking, "pi_held_1").expect(200).json().path("outcome").asString()).isEqualTo("UNCHANGED");
    }

    @Test
    void aPaymentForAHoldTheRenterCancelledConfirmsItOnlyWhileTheSlotIsFree() {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        Party renter = renter();
        UUID booking = held(renter, vehicle.id(), pickup, ret);
        api.post("/api/bookings/" + booking + "/cancel").token(renter.token()).send().expect(200);
        assertThat(confirm(booking, "pi_c_1").expect(200).json().path("outcome").asString()).isEqualTo("CONFIRMED");
        JsonNode view = api.get("/api/bookings/" + booking).token(renter.token()).send().expect(200).json();
        assertThat(view.path("status").asString()).isEqualTo("CONFIRMED");
        assertThat(view.path("cancelledAt").isNull()).isTrue();

        VehicleServiceStub.Vehicle car = vehicles.bookable();
        UUID other = held(renter, car.id(), pickup, ret);
        api.post("/api/bookings/" + other + "/cancel").token(renter.token()).send().expect(200);
        // meanwhile someone else has that car
        UUID taken = held(renter(), car.id(), pickup, ret);
        confirm(taken, "pi_c_3").expect(200);
        assertThat(confirm(other, "pi_c_2").expect(200).json().path("outcome").asString())
                .isEqualTo("REFUND_REQUESTED");
        assertThat(status(other)).isEqualTo("CANCELLED");
        assertThat(overlappingPairs()).isZero();
    }

    @Test
    void onlyPaymentServiceConfirms() {
        UUID booking = held(renter(), vehicles.bookable().id(), pickup, ret);
        String path = "/internal/bookings/" + booking + "/confirm";
        api.post(path).send().problem(401, "unauthorized");
        api.post(path).token(admin).send().problem(401, "unauthorized");
        api.post(path).token(TestTokens.service("payment-service", "vehicle-service")).send()
                .problem(401, "unauthorized");
        api.post(path).token(TestTokens.service("vehicle-service", "booking-service")).send()
                .problem(403, "forbidden");
        assertThat(status(booking)).isIn("HELD", "EXPIRED");
        // unknown booking, bad input
        confirm(UUID.randomUUID(), "pi_x").problem(404, "not-found");
        api.post("/internal/bookings/not-a-uuid/confirm").token(paymentService).send().refuses("id");
        api.post(path).token(paymentService).json("{\"paymentReference\":\"" + "p".repeat(256) + "\"}").send()
                .refuses("paymentReference");
        api.post(path).token(paymentService).json("{\"amount\":1}").send().refuses("amount");
        BookingApi.Reply ok = confirm(booking, "pi_sec_1").expect(200);
        assertThat(ok.json().path("outcome").asString()).isIn("CONFIRMED");
    }
}
