package com.smartlinkauto.booking.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.booking.BookingTestSupport;
import com.smartlinkauto.booking.VehicleServiceStub;

import tools.jackson.databind.JsonNode;

/** Who reads which bookings, the lists' filters and pages, and their bad parameters. */
class BookingReadsIT extends BookingTestSupport {

    private final Instant pickup = minuteIn(Duration.ofDays(20));

    private static List<String> ids(JsonNode page) {
        return page.path("items").findValuesAsString("id");
    }

    @Test
    void aBookingIsReadByItsRenterTheVehiclesPartnerAndAdminsOnly() {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        Party renter = renter();
        UUID booking = held(renter, vehicle.id(), pickup, pickup.plus(Duration.ofDays(1)));
        String path = "/api/bookings/" + booking;
        for (String token : List.of(renter.token(), owner(vehicle).token(), admin)) {
            JsonNode view = api.get(path).token(token).send().expect(200).json();
            assertThat(view.path("id").asString()).isEqualTo(booking.toString());
            assertThat(view.path("total").decimalValue()).isEqualByComparingTo("54.89");
        }
        api.get(path).token(renter().token()).send().problem(404, "not-found");
        api.get(path).token(party("PARTNER").token()).send().problem(404, "not-found");
        api.get(path).send().problem(401, "unauthorized");
        api.get(path).token(paymentService).send().problem(401, "unauthorized");
        api.get("/api/bookings/" + UUID.randomUUID()).token(admin).send().problem(404, "not-found");
        api.get("/api/bookings/not-a-uuid").token(admin).send().refuses("id");
    }

    @Test
    void aRenterListsTheirOwnFilteredAndPaged() {
        Party renter = renter();
        UUID first = held(renter, vehicles.bookable().id(), pickup, pickup.plus(Duration.ofDays(1)));
        UUID second = held(renter, vehicles.bookable().id(), pickup.plus(Duration.ofDays(3)),
                pickup.plus(Duration.ofDays(4)));
        UUID third = held(renter, vehicles.bookable().id(), pickup.plus(Duration.ofDays(6)),
                pickup.plus(Duration.ofDays(7)));
        api.post("/api/bookings/" + second + "/cancel").token(renter.token()).send().expect(200);
        held(renter(), vehicles.bookable().id(), pickup, pickup.plus(Duration.ofDays(1))); // someone else's

        JsonNode all = api.get("/api/bookings/me").token(renter.token()).send().expect(200).json();
        assertThat(ids(all)).containsExactly(third.toString(), second.toString(), first.toString());
        assertThat(all.path("totalElements").asLong()).isEqualTo(3);
        JsonNode held = api.get("/api/bookings/me?status=HELD").token(renter.token()).send().expect(200).json();
        assertThat(ids(held)).containsExactly(third.toString(), first.toString());
        JsonNode page = api.get("/api/bookings/me?page=1&size=2").token(renter.token()).send().expect(200).json();
        assertThat(ids(page)).containsExactly(first.toString());
        assertThat(page.path("totalPages").asLong()).isEqualTo(2);
        assertThat(page.path("size").asInt()).isEqualTo(2);

        for (String bad : List.of("size=0", "size=101", "page=-1", "page=10001", "status=NOPE", "size=abc")) {
            assertThat(api.get("/api/bookings/me?" + bad).token(renter.token()).send().status()).as(bad).isEqualTo(400);
        }
        api.get("/api/bookings/me").token(party("PARTNER").token()).send().problem(403, "forbidden");
        api.get("/api/bookings/me").send().problem(401, "unauthorized");
    }

    @Test
    void aPartnerListsTheirVehiclesBookingsAndNobodyElses() {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        VehicleServiceStub.Vehicle sameOwner = vehicles.put(new VehicleServiceStub.Vehicle(UUID.randomUUID(),
                vehicle.partnerId(), "ACTIVE", true, vehicle.price(), "EUR", 30, List.of()));
        Party owner = owner(vehicle);
        UUID early = held(renter(), vehicle.id(), pickup, pickup.plus(Duration.ofDays(1)));
        UUID late = held(renter(), sameOwner.id(), pickup.plus(Duration.ofDays(10)), pickup.plus(Duration.ofDays(12)));
        held(renter(), vehicles.bookable().id(), pickup, pickup.plus(Duration.ofDays(1))); // another partner's

        for (String who : List.of("me", owner.id().toString())) {
            JsonNode mine = api.get("/api/partners/" + who + "/bookings").token(owner.token()).send().expect(200).json();
            assertThat(ids(mine)).containsExactly(late.toString(), early.toString());
        }
        // rentals overlapping [from, to)
        JsonNode window = api.get("/api/partners/me/bookings?from=" + pickup.plus(Duration.ofDays(5)) + "&to="
                + pickup.plus(Duration.ofDays(11))).token(owner.token()).send().expect(200).json();
        assertThat(ids(window)).containsExactly(late.toString());
        JsonNode edge = api.get("/api/partners/me/bookings?from=" + pickup.plus(Duration.ofDays(1)) + "&to="
                + pickup.plus(Duration.ofDays(10))).token(owner.token()).send().expect(200).json();
        assertThat(ids(edge)).as("half-open on both sides").isEmpty();
        assertThat(ids(api.get("/api/partners/" + owner.id() + "/bookings").token(admin).send().expect(200).json()))
                .hasSize(2);

        api.get("/api/partners/" + owner.id() + "/bookings").token(party("PARTNER").token()).send()
                .problem(403, "forbidden");
        api.get("/api/partners/me/bookings").token(renter().token()).send().problem(403, "forbidden");
        api.get("/api/partners/not-an-id/bookings").token(owner.token()).send().refuses("partnerId");
        api.get("/api/partners/me/bookings?from=" + pickup + "&to=" + pickup).token(owner.token()).send()
                .refuses("to");
        api.get("/api/partners/me/bookings?from=soon").token(owner.token()).send().refuses("from");
        api.get("/api/partners/me/bookings?to=+300000-01-01T00:00:00Z").token(owner.token()).send()
                .expect(400);
    }

    @Test
    void adminsListEverythingFiltered() {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        Party renter = renter();
        UUID booking = held(renter, vehicle.id(), pickup, pickup.plus(Duration.ofDays(1)));
        held(renter, vehicles.bookable().id(), pickup, pickup.plus(Duration.ofDays(1)));
        assertThat(ids(api.get("/api/admin/bookings?vehicleId=" + vehicle.id()).token(admin).send().expect(200)
                .json())).containsExactly(booking.toString());
        assertThat(ids(api.get("/api/admin/bookings?renterId=" + renter.id() + "&status=HELD").token(admin).send()
                .expect(200).json())).hasSize(2);
        assertThat(ids(api.get("/api/admin/bookings?renterId=" + renter.id() + "&status=CONFIRMED").token(admin)
                .send().expect(200).json())).isEmpty();
        assertThat(api.get("/api/admin/bookings?size=5").token(admin).send().expect(200).json().path("items").size())
                .isLessThanOrEqualTo(5);
        api.get("/api/admin/bookings?vehicleId=nope").token(admin).send().refuses("vehicleId");
        api.get("/api/admin/bookings").token(renter.token()).send().problem(403, "forbidden");
        api.get("/api/admin/bookings").token(owner(vehicle).token()).send().problem(403, "forbidden");
    }
}
