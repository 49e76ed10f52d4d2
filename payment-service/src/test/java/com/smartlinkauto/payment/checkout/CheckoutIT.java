package com.smartlinkauto.payment.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.payment.BookingServiceStub;
import com.smartlinkauto.payment.PaymentApi;
import com.smartlinkauto.payment.PaymentTestSupport;

import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/payments/checkout} with the sandbox provider: the amount is booking-service's (the client cannot
 * name one), one open session per booking, and the refusals (another renter's booking, not HELD, past its hold,
 * booking-service down, bad input).
 */
class CheckoutIT extends PaymentTestSupport {

    @Test
    void theAmountComesFromBookingServiceAndASecondCheckoutReturnsTheSameSession() {
        Party renter = renter();
        BookingServiceStub.Booking booking = bookings.held(renter.id(), "149.70", "EUR");

        JsonNode created = checkout(renter, booking.id()).expect(201).json();
        assertThat(created.path("amount").decimalValue()).isEqualByComparingTo("149.70");
        assertThat(created.path("currency").asString()).isEqualTo("EUR");
        assertThat(created.path("provider").asString()).isEqualTo("sandbox");
        String sessionId = created.path("sessionId").asString();
        assertThat(sessionId).startsWith("cs_test_sandbox_");
        assertThat(created.path("checkoutUrl").asString())
                .isEqualTo("http://127.0.0.1:8080/payments/sandbox/checkout/" + sessionId);
        assertThat(Instant.parse(created.path("expiresAt").asString())).isAfter(Instant.now().plusSeconds(29 * 60));
        assertThat(count("select amount_minor from checkout_session where provider_session_id = ?", sessionId))
                .isEqualTo(14970);

        JsonNode again = checkout(renter, booking.id()).expect(200).json();
        assertThat(again.path("sessionId").asString()).isEqualTo(sessionId);
        assertThat(count("select count(*) from checkout_session where booking_id = ?", booking.id())).isEqualTo(1);
    }

    @Test
    void zeroDecimalCurrenciesAreWholeUnits() {
        Party renter = renter();
        BookingServiceStub.Booking booking = bookings.held(renter.id(), "45000", "XAF");
        JsonNode created = checkout(renter, booking.id()).expect(201).json();
        assertThat(created.path("amount").decimalValue()).isEqualByComparingTo("45000");
        assertThat(count("select amount_minor from checkout_session where booking_id = ?", booking.id()))
                .isEqualTo(45000);
    }

    @Test
    void aClientChosenAmountOrABadIdIsRefused() {
        Party renter = renter();
        BookingServiceStub.Booking booking = bookings.held(renter.id(), "149.70", "EUR");
        for (String field : java.util.List.of("amount", "currency", "renterId", "provider")) {
            api.post("/api/payments/checkout").token(renter.token())
                    .json(Map.of("bookingId", booking.id().toString(), field, "0.01")).send().refuses(field);
        }
        api.post("/api/payments/checkout").token(renter.token()).json(Map.of("bookingId", "not-a-uuid")).send()
                .problem(400, "malformed-request");
        api.post("/api/payments/checkout").token(renter.token()).json(Map.of()).send().expect(400);
        api.post("/api/payments/checkout").token(renter.token()).json("{").send().problem(400, "malformed-request");
        assertThat(count("select count(*) from checkout_session where booking_id = ?", booking.id())).isZero();
    }

    @Test
    void onlyTheBookingsRenterWithAHeldBookingMayPay() {
        Party renter = renter();
        BookingServiceStub.Booking booking = bookings.held(renter.id(), "80.00", "EUR");
        checkout(renter(), booking.id()).problem(404, "not-found");
        checkout(renter, UUID.randomUUID()).problem(404, "not-found");
        api.post("/api/payments/checkout").token(party("PARTNER").token())
                .json(Map.of("bookingId", booking.id().toString())).send().expect(403);
        api.post("/api/payments/checkout").json(Map.of("bookingId", booking.id().toString())).send().expect(401);

        bookings.put(booking.withStatus("CONFIRMED"));
        JsonNode problem = checkout(renter, booking.id()).problem(409, "booking-not-payable").json();
        assertThat(problem.path("bookingStatus").asString()).isEqualTo("CONFIRMED");

        bookings.put(booking.withHoldExpiresAt(Instant.now().minusSeconds(1)));
        checkout(renter, booking.id()).problem(409, "hold-expired");
        assertThat(count("select count(*) from checkout_session where booking_id = ?", booking.id())).isZero();
    }

    @Test
    void bookingServiceDownIs503AndNothingIsStored() {
        Party renter = renter();
        BookingServiceStub.Booking booking = bookings.held(renter.id(), "80.00", "EUR");
        bookings.fail(booking.id());
        PaymentApi.Reply reply = checkout(renter, booking.id()).problem(503, "booking-service-unavailable");
        assertThat(reply.header("Retry-After")).isPresent();
        assertThat(count("select count(*) from checkout_session where booking_id = ?", booking.id())).isZero();
    }
}
