package com.smartlinkauto.booking.cancel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.booking.BookingApi;
import com.smartlinkauto.booking.BookingTestSupport;
import com.smartlinkauto.booking.VehicleServiceStub;

import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/bookings/{id}/cancellation} at each edge of the policy (config-repo: 100 % at least 24 h before the
 * pickup, 50 % later, nothing from the pickup on; a hold free of charge), each time followed by the cancel itself:
 * what the preview said is what the cancel then does. The bookings' pickups lie a minute or more from any edge, so
 * the moments between the preview and the cancel cannot cross one.
 */
class CancellationPreviewIT extends BookingTestSupport {

    /** A CONFIRMED booking of a new vehicle for {@code renter}, picked up at {@code pickup}: total 54.89 EUR. */
    private UUID confirmed(Party renter, Instant pickup) {
        UUID booking = held(renter, vehicles.bookable().id(), pickup, pickup.plus(Duration.ofDays(1)));
        confirm(booking, "pi_" + booking).expect(200);
        return booking;
    }

    private BookingApi.Reply preview(UUID booking, String token) {
        BookingApi.Call call = api.get("/api/bookings/" + booking + "/cancellation");
        return token == null ? call.send() : call.token(token).send();
    }

    private BookingApi.Reply cancel(UUID booking, String token) {
        return api.post("/api/bookings/" + booking + "/cancel").token(token).send();
    }

    private long sequence(UUID booking) {
        return count("select sequence from bookings where id = ?", booking);
    }

    /** The preview's amount is the one the cancel answered, stored and will refund (null stays null). */
    private static void assertSameRefund(JsonNode preview, JsonNode cancelled) {
        if (preview.path("refundAmount").isNull()) {
            assertThat(cancelled.path("refundAmount").isNull()).as("no refund on the cancelled booking").isTrue();
        }
        else {
            assertThat(cancelled.path("refundAmount").decimalValue())
                    .isEqualByComparingTo(preview.path("refundAmount").decimalValue());
        }
    }

    @Test
    void aHoldIsCancellableFreeOfChargeAndTheCancelDoesJustThat() {
        Party renter = renter();
        Instant pickup = minuteIn(Duration.ofDays(2));
        UUID booking = held(renter, vehicles.bookable().id(), pickup, pickup.plus(Duration.ofDays(1)));
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        JsonNode preview = preview(booking, renter.token()).expect(200).json();
        assertThat(preview.path("bookingId").asString()).isEqualTo(booking.toString());
        assertThat(preview.path("status").asString()).isEqualTo("HELD");
        assertThat(preview.path("cancellable").asBoolean()).isTrue();
        assertThat(preview.path("reason").isNull()).isTrue();
        assertThat(preview.path("detail").isNull()).isTrue();
        assertThat(preview.path("refundAmount").isNull()).as("nothing was charged, nothing comes back").isTrue();
        assertThat(preview.path("refundPercent").isNull()).isTrue();
        assertThat(preview.path("paidAmount").decimalValue()).isEqualByComparingTo("0");
        assertThat(preview.path("currency").asString()).isEqualTo("EUR");
        assertThat(Instant.parse(preview.path("asOf").asString())).isBetween(before.minusMillis(1), Instant.now());
        JsonNode policy = preview.path("policy");
        assertThat(policy.path("fullRefundHoursBefore").decimalValue()).isEqualByComparingTo("24");
        assertThat(policy.path("fullRefundPercent").decimalValue()).isEqualByComparingTo("100");
        assertThat(policy.path("lateRefundPercent").decimalValue()).isEqualByComparingTo("50");
        assertThat(Instant.parse(policy.path("fullRefundUntil").asString())).isEqualTo(pickup.minus(Duration.ofHours(24)));
        assertThat(Instant.parse(policy.path("cancellableUntil").asString())).isEqualTo(pickup);
        assertThat(status(booking)).as("a preview changes nothing").isEqualTo("HELD");
        assertThat(sequence(booking)).isEqualTo(1);

        JsonNode cancelled = cancel(booking, renter.token()).expect(200).json();
        assertThat(cancelled.path("status").asString()).isEqualTo("CANCELLED");
        assertSameRefund(preview, cancelled);
        assertThat(count("select count(*) from bookings where id = ? and refund_minor is null", booking)).isEqualTo(1);
    }

    @Test
    void atLeast24HoursBeforeThePickupTheWholeTotalIsPreviewedAndRefunded() {
        Party renter = renter();
        Instant pickup = minuteIn(Duration.ofHours(24)).plus(Duration.ofMinutes(1));
        UUID booking = confirmed(renter, pickup);
        JsonNode preview = preview(booking, renter.token()).expect(200).json();
        assertThat(preview.path("status").asString()).isEqualTo("CONFIRMED");
        assertThat(preview.path("cancellable").asBoolean()).isTrue();
        assertThat(preview.path("refundAmount").decimalValue()).isEqualByComparingTo("54.89");
        assertThat(preview.path("refundPercent").decimalValue()).isEqualByComparingTo("100");
        assertThat(preview.path("paidAmount").decimalValue()).isEqualByComparingTo("54.89");
        assertThat(Instant.parse(preview.path("policy").path("fullRefundUntil").asString()))
                .isAfter(Instant.parse(preview.path("asOf").asString()));
        assertThat(sequence(booking)).as("a preview changes nothing").isEqualTo(2);

        JsonNode cancelled = cancel(booking, renter.token()).expect(200).json();
        assertSameRefund(preview, cancelled);
        assertThat(count("select refund_minor from bookings where id = ?", booking)).isEqualTo(5489);
    }

    @Test
    void laterHalfIsPreviewedAndRefunded() {
        Party renter = renter();
        // a minute inside the edge
        Instant pickup = Instant.now().plus(Duration.ofHours(24)).truncatedTo(ChronoUnit.MINUTES)
                .minus(Duration.ofMinutes(1));
        UUID booking = confirmed(renter, pickup);
        JsonNode preview = preview(booking, admin).expect(200).json();
        assertThat(preview.path("cancellable").asBoolean()).isTrue();
        assertThat(preview.path("refundAmount").decimalValue()).isEqualByComparingTo("27.45"); // 27.445 → 27.45
        assertThat(preview.path("refundPercent").decimalValue()).isEqualByComparingTo("50");
        assertThat(preview.path("paidAmount").decimalValue()).isEqualByComparingTo("54.89");
        assertThat(Instant.parse(preview.path("policy").path("fullRefundUntil").asString()))
                .isBefore(Instant.parse(preview.path("asOf").asString()));
        assertThat(preview(booking, renter.token()).expect(200).json().path("refundAmount").decimalValue())
                .as("the renter is told the same").isEqualByComparingTo("27.45");

        JsonNode cancelled = cancel(booking, renter.token()).expect(200).json();
        assertSameRefund(preview, cancelled);
        assertThat(count("select refund_minor from bookings where id = ?", booking)).isEqualTo(2745);
    }

    @Test
    void fromThePickupOnThePreviewSaysNoWithTheCancelsOwnReason() {
        Party renter = renter();
        UUID booking = confirmed(renter, minuteIn(Duration.ofDays(3)));
        // the rental began a minute ago (moved here; it returns tomorrow)
        jdbc.sql("update bookings set pickup_at = date_trunc('minute', now()) - interval '1 minute', "
                + "return_at = date_trunc('minute', now()) + interval '1 day', "
                + "blocked_until = date_trunc('minute', now()) + interval '1 day' + make_interval(mins => turnaround_minutes) "
                + "where id = ?").param(booking).update();
        JsonNode preview = preview(booking, renter.token()).expect(200).json();
        assertThat(preview.path("cancellable").asBoolean()).isFalse();
        assertThat(preview.path("reason").asString()).isEqualTo("RENTAL_STARTED");
        assertThat(preview.path("refundAmount").isNull()).isTrue();
        assertThat(preview.path("refundPercent").isNull()).isTrue();
        assertThat(preview.path("paidAmount").decimalValue()).isEqualByComparingTo("54.89");

        JsonNode refused = cancel(booking, renter.token()).problem(409, "illegal-booking-transition").json();
        assertThat(refused.path("detail").asString()).isEqualTo(preview.path("detail").asString())
                .contains("pickup time has come");
        assertThat(status(booking)).isEqualTo("CONFIRMED");
    }

    @Test
    void cancelledAndExpiredBookingsAreNotCancellable() {
        Party renter = renter();
        UUID booking = confirmed(renter, minuteIn(Duration.ofDays(3)));
        cancel(booking, renter.token()).expect(200);
        JsonNode preview = preview(booking, renter.token()).expect(200).json();
        assertThat(preview.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(preview.path("cancellable").asBoolean()).isFalse();
        assertThat(preview.path("reason").asString()).isEqualTo("ALREADY_CANCELLED");
        assertThat(preview.path("paidAmount").decimalValue()).as("it was paid").isEqualByComparingTo("54.89");
        JsonNode again = cancel(booking, renter.token()).problem(409, "illegal-booking-transition").json();
        assertThat(again.path("detail").asString()).isEqualTo(preview.path("detail").asString());

        Instant pickup = minuteIn(Duration.ofDays(4));
        UUID lapsed = held(renter, vehicles.bookable().id(), pickup, pickup.plus(Duration.ofDays(1)));
        jdbc.sql("update bookings set status = 'EXPIRED', sequence = sequence + 1 where id = ?").param(lapsed).update();
        JsonNode expired = preview(lapsed, renter.token()).expect(200).json();
        assertThat(expired.path("reason").asString()).isEqualTo("EXPIRED");
        assertThat(expired.path("paidAmount").decimalValue()).isEqualByComparingTo("0");
        cancel(lapsed, renter.token()).problem(409, "illegal-booking-transition");
    }

    @Test
    void onlyTheRenterOrAnAdminSeeThePreview() {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        Party renter = renter();
        Instant pickup = minuteIn(Duration.ofDays(3));
        UUID booking = held(renter, vehicle.id(), pickup, pickup.plus(Duration.ofDays(1)));
        preview(booking, owner(vehicle).token()).problem(403, "forbidden");
        preview(booking, renter().token()).problem(404, "not-found");
        preview(booking, party("PARTNER").token()).problem(404, "not-found");
        preview(booking, null).problem(401, "unauthorized");
        preview(booking, paymentService).problem(401, "unauthorized");
        preview(UUID.randomUUID(), renter.token()).problem(404, "not-found");
        api.get("/api/bookings/not-a-uuid/cancellation").token(renter.token()).send().refuses("id");
        preview(booking, admin).expect(200);
        assertThat(status(booking)).isEqualTo("HELD");
    }
}
