package com.smartlinkauto.booking.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.booking.BookingApi;
import com.smartlinkauto.booking.BookingTestSupport;
import com.smartlinkauto.booking.VehicleServiceStub;

import tools.jackson.databind.JsonNode;

/** The public quote: the vehicle's current price, every started day, the fee; and its refusals. */
class QuoteIT extends BookingTestSupport {

    private final Instant pickup = minuteIn(Duration.ofDays(7));

    private BookingApi.Reply quote(UUID vehicleId, Instant from, Instant to) {
        return api.get("/api/bookings/quote?vehicleId=" + vehicleId + "&pickupAt=" + from + "&returnAt=" + to).send();
    }

    @Test
    void anyoneGetsAQuoteFromTheVehiclesCurrentPrice() {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        JsonNode quote = quote(vehicle.id(), pickup, pickup.plus(Duration.ofHours(25))).expect(200).json();
        assertThat(quote.path("days").asInt()).isEqualTo(2);
        assertThat(quote.path("pricePerDay").decimalValue()).isEqualByComparingTo("49.90");
        assertThat(quote.path("subtotal").decimalValue()).isEqualByComparingTo("99.80");
        assertThat(quote.path("serviceFee").decimalValue()).isEqualByComparingTo("9.98");
        assertThat(quote.path("total").decimalValue()).isEqualByComparingTo("109.78");
        assertThat(quote.path("currency").asString()).isEqualTo("EUR");
        // signed in works too, and nothing is held
        api.get("/api/bookings/quote?vehicleId=" + vehicle.id() + "&pickupAt=" + pickup + "&returnAt="
                + pickup.plus(Duration.ofDays(1))).token(renter().token()).send().expect(200);
        assertThat(count("select count(*) from bookings where vehicle_id = ?", vehicle.id())).isZero();

        VehicleServiceStub.Vehicle yen = vehicles.put(new VehicleServiceStub.Vehicle(UUID.randomUUID(), UUID.randomUUID(),
                "ACTIVE", true, new BigDecimal("6000"), "JPY", 60, List.of()));
        JsonNode inYen = quote(yen.id(), pickup, pickup.plus(Duration.ofDays(3))).expect(200).json();
        assertThat(inYen.path("total").decimalValue()).isEqualByComparingTo("19800");
        assertThat(inYen.path("currency").asString()).isEqualTo("JPY");
    }

    @Test
    void unknownNotBookableAndUnreachableVehicles() {
        quote(UUID.randomUUID(), pickup, pickup.plus(Duration.ofDays(1))).problem(404, "not-found");
        VehicleServiceStub.Vehicle pending = vehicles.put(vehicles.bookable().notBookable("PENDING_REVIEW"));
        quote(pending.id(), pickup, pickup.plus(Duration.ofDays(1))).problem(409, "vehicle-not-bookable");
        VehicleServiceStub.Vehicle failing = vehicles.bookable();
        vehicles.behave(failing.id(), VehicleServiceStub.Behaviour.FAILING);
        quote(failing.id(), pickup, pickup.plus(Duration.ofDays(1))).problem(503, "vehicle-service-unavailable");
    }

    @Test
    void badParametersAre400s() {
        UUID id = vehicles.bookable().id();
        quote(id, pickup, pickup).refuses("returnAt");
        quote(id, pickup, pickup.plus(Duration.ofDays(91))).refuses("returnAt");
        quote(id, minuteIn(Duration.ofMinutes(10)), pickup).refuses("pickupAt");
        quote(id, pickup.plusSeconds(1), pickup.plus(Duration.ofDays(1))).refuses("pickupAt");
        api.get("/api/bookings/quote?vehicleId=" + id + "&pickupAt=" + pickup).send().expect(400);
        api.get("/api/bookings/quote?vehicleId=nope&pickupAt=" + pickup + "&returnAt=" + pickup.plus(Duration.ofDays(1)))
                .send().refuses("vehicleId");
        api.get("/api/bookings/quote?vehicleId=" + id + "&pickupAt=tomorrow&returnAt=" + pickup).send()
                .refuses("pickupAt");
        api.get("/api/bookings/quote?vehicleId=" + id + "&pickupAt=%2B300000-01-01T00:00:00Z&returnAt=" + pickup)
                .send().expect(400);
    }
}
