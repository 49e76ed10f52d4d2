package com.smartlinkauto.booking.confirm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.booking.BookingTestSupport;
import com.smartlinkauto.booking.VehicleServiceStub;
import com.smartlinkauto.testsupport.security.TestTokens;

import tools.jackson.databind.JsonNode;

/**
 * {@code GET /internal/bookings/{id}}: what payment-service charges for a booking (exact, in major and minor units),
 * its status and parties, and who may read it (payment-service's service token only).
 */
class InternalBookingReadIT extends BookingTestSupport {

    private final Instant pickup = minuteIn(Duration.ofDays(40));
    private final Instant ret = pickup.plus(Duration.ofDays(1));

    private JsonNode read(UUID booking) {
        return api.get("/internal/bookings/" + booking).token(paymentService).send().expect(200).json();
    }

    @Test
    void paymentServiceReadsTheAmountStatusAndPartiesOfABooking() {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        Party renter = renter();
        UUID booking = held(renter, vehicle.id(), pickup, ret);

        JsonNode held = read(booking);
        assertThat(held.propertyNames()).containsExactly("id", "status", "vehicleId", "renterId", "partnerId",
                "pickupAt", "returnAt", "total", "totalMinor", "currency", "holdExpiresAt", "paymentReference");
        assertThat(held.path("id").asString()).isEqualTo(booking.toString());
        assertThat(held.path("status").asString()).isEqualTo("HELD");
        assertThat(held.path("vehicleId").asString()).isEqualTo(vehicle.id().toString());
        assertThat(held.path("renterId").asString()).isEqualTo(renter.id().toString());
        assertThat(held.path("partnerId").asString()).isEqualTo(vehicle.partnerId().toString());
        assertThat(Instant.parse(held.path("pickupAt").asString())).isEqualTo(pickup);
        assertThat(Instant.parse(held.path("returnAt").asString())).isEqualTo(ret);
        // 49.90 a day + the 10 % fee (4.99): exactly 54.89 EUR, 5489 cents, written as the number 54.89
        assertThat(held.path("total").isNumber()).isTrue();
        assertThat(held.path("total").decimalValue()).isEqualTo(new BigDecimal("54.89"));
        assertThat(held.path("totalMinor").isIntegralNumber()).isTrue();
        assertThat(held.path("totalMinor").asLong()).isEqualTo(5489);
        assertThat(held.path("currency").asString()).isEqualTo("EUR");
        assertThat(Instant.parse(held.path("holdExpiresAt").asString())).isAfter(Instant.now());
        assertThat(held.path("paymentReference").isNull()).isTrue();

        confirm(booking, "6d7e8f9a-0b1c-4d2e-8f3a-4b5c6d7e8f9a").expect(200);
        JsonNode confirmed = read(booking);
        assertThat(confirmed.path("status").asString()).isEqualTo("CONFIRMED");
        assertThat(confirmed.has("holdExpiresAt")).isTrue();
        assertThat(confirmed.path("holdExpiresAt").isNull()).as("only while HELD").isTrue();
        assertThat(confirmed.path("paymentReference").asString()).isEqualTo("6d7e8f9a-0b1c-4d2e-8f3a-4b5c6d7e8f9a");
        assertThat(confirmed.path("totalMinor").asLong()).isEqualTo(5489);
    }

    @Test
    void aCurrencyWithoutMinorUnitIsReadInWholeUnits() {
        VehicleServiceStub.Vehicle vehicle = vehicles.put(new VehicleServiceStub.Vehicle(UUID.randomUUID(),
                UUID.randomUUID(), "ACTIVE", true, new BigDecimal("15000"), "XAF", 60, List.of()));
        UUID booking = held(renter(), vehicle.id(), pickup, pickup.plus(Duration.ofDays(2)));

        JsonNode view = read(booking);
        // 2 x 15000 + 10 % = 33000 XAF; XAF has no minor unit, so both numbers are the same whole number
        assertThat(view.path("currency").asString()).isEqualTo("XAF");
        assertThat(view.path("total").isIntegralNumber()).as(view.toString()).isTrue();
        assertThat(view.path("total").decimalValue()).isEqualTo(new BigDecimal("33000"));
        assertThat(view.path("totalMinor").asLong()).isEqualTo(33000);
    }

    @Test
    void onlyPaymentServiceReadsAndUnknownOrMalformedIdsAreProblems() {
        UUID booking = held(renter(), vehicles.bookable().id(), pickup, ret);
        String path = "/internal/bookings/" + booking;
        api.get(path).send().problem(401, "unauthorized");
        Party renter = renter();
        api.get(path).token(renter.token()).send().problem(401, "unauthorized");
        api.get(path).token(admin).send().problem(401, "unauthorized");
        // a token of payment-service for another service, and another service's token for this one
        api.get(path).token(TestTokens.service("payment-service", "vehicle-service")).send()
                .problem(401, "unauthorized");
        api.get(path).token(TestTokens.service("vehicle-service", "booking-service")).send()
                .problem(403, "forbidden");

        api.get("/internal/bookings/" + UUID.randomUUID()).token(paymentService).send().problem(404, "not-found");
        api.get("/internal/bookings/not-a-uuid").token(paymentService).send().refuses("id");
        api.get(path).token(paymentService).send().expect(200);
    }
}
