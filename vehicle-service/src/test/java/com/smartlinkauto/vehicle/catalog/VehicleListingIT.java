package com.smartlinkauto.vehicle.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import java.util.List;
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

/** Listing, reading, editing and retiring vehicles: rules, bad input, ownership, events. */
class VehicleListingIT extends VehicleTestSupport {

    @Test
    void aPartnerListsAVehicleThatAwaitsReviewAndIsPublishedAsVehicleListed() {
        Partner partner = partner();
        Map<String, Object> body = listing();
        Api.Response created = api.post("/api/partners/" + partner.id() + "/vehicles", body, partner.token());
        created.assertStatus(201);
        JsonNode vehicle = created.json();
        assertThat(created.header("Location")).isEqualTo("/api/vehicles/" + vehicle.path("id").asString());
        assertThat(vehicle.path("status").asString()).isEqualTo("PENDING_REVIEW");
        assertThat(vehicle.path("partnerId").asString()).isEqualTo(partner.id().toString());
        assertThat(vehicle.path("vin").asString()).isEqualTo(body.get("vin"));
        assertThat(vehicle.path("basePricePerDay").decimalValue()).isEqualByComparingTo("49.90");
        assertThat(vehicle.path("bookable").asBoolean()).isFalse();
        assertThat(vehicle.path("location").path("city").asString()).isEqualTo("Berlin");

        try (KafkaProbe probe = new KafkaProbe(bootstrapServers, Topics.VEHICLE_EVENTS)) {
            JsonNode event = probe.awaitEvent(VehicleEventTypes.VEHICLE_LISTED, vehicle.path("id").asString());
            assertThat(event.path("payload").path("partnerId").asString()).isEqualTo(partner.id().toString());
            assertThat(event.path("payload").path("status").asString()).isEqualTo("PENDING_REVIEW");
        }
        // not public before review; the owner and admins see it
        UUID id = UUID.fromString(vehicle.path("id").asString());
        api.get("/api/vehicles/" + id).assertProblem(404, "not-found");
        api.get("/api/vehicles/" + id, TestTokens.token("RENTER")).assertProblem(404, "not-found");
        assertThat(api.get("/api/vehicles/" + id, partner.token()).text("vin")).isEqualTo(body.get("vin"));
        assertThat(api.get("/api/vehicles/" + id, admin).text("status")).isEqualTo("PENDING_REVIEW");
        assertThat(api.get("/api/partners/" + partner.id() + "/vehicles", partner.token()).json()
                .path("totalElements").asLong()).isEqualTo(1);
        assertThat(api.get("/api/partners/me/vehicles?status=PENDING_REVIEW", partner.token()).json()
                .path("items").findValuesAsString("id")).containsExactly(id.toString());
        assertThat(api.get("/api/partners/me/vehicles?status=ACTIVE", partner.token()).json()
                .path("totalElements").asLong()).isZero();
        api.get("/api/partners/someone/vehicles", partner.token()).assertInvalid("partnerId");
    }

    @Test
    void badListingsAreRejectedWithTheFieldNamedAndNothingStored() {
        Partner partner = partner();
        String path = "/api/partners/" + partner.id() + "/vehicles";
        int next = Year.now().getValue() + 1;
        record Case(String field, Object value, String reported) {
        }
        List<Case> cases = List.of(
                new Case("vin", "WVWZZZ1JZXW00000I", "vin"), new Case("vin", "WVWZZZ1JZXW00000O", "vin"),
                new Case("vin", "WVWZZZ1JZXW00000Q", "vin"), new Case("vin", "WVWZZZ1JZXW0000", "vin"),
                new Case("vin", "wvwzzz1jzxw000001", "vin"), new Case("year", 1989, "year"),
                new Case("year", next + 1, "year"), new Case("basePricePerDay", 0, "basePricePerDay"),
                new Case("basePricePerDay", -5, "basePricePerDay"),
                new Case("basePricePerDay", new BigDecimal("10000.01"), "basePricePerDay"),
                new Case("basePricePerDay", new BigDecimal("12.345"), "basePricePerDay"),
                new Case("seats", 0, "seats"), new Case("seats", 10, "seats"), new Case("currency", "EURO", "currency"),
                new Case("currency", "XXX", "currency"), new Case("make", " ", "make"),
                new Case("licensePlate", "!", "licensePlate"), new Case("turnaroundMinutes", 1441, "turnaroundMinutes"),
                new Case("location", location("Berlin", "DE", 91, 13), "location.latitude"),
                new Case("location", location("Berlin", "DE", 52, -180.5), "location.longitude"),
                new Case("location", location("Berlin", "ZZ", 52, 13), "location.country"),
                new Case("features", List.of("x".repeat(41)), "features[0]"));
        for (Case c : cases) {
            Map<String, Object> body = listing();
            body.put(c.field(), c.value());
            api.post(path, body, partner.token()).assertInvalid(c.reported());
        }
        Map<String, Object> missing = listing();
        missing.remove("vin");
        api.post(path, missing, partner.token()).assertInvalid("vin");
        Map<String, Object> unknown = listing();
        unknown.put("status", "ACTIVE");
        api.post(path, unknown, partner.token()).assertInvalid("status");
        Map<String, Object> badEnum = listing();
        badEnum.put("transmission", "SEMI");
        api.post(path, badEnum, partner.token()).assertProblem(400, "malformed-request");
        api.post(path, "{not json", partner.token()).assertProblem(400, "malformed-request");
        // the year bounds themselves are fine
        Map<String, Object> oldest = listing();
        oldest.put("year", 1990);
        list(partner, oldest);
        Map<String, Object> newest = listing();
        newest.put("year", next);
        list(partner, newest);
        assertThat(count(partner.id())).isEqualTo(2);
    }

    @Test
    void vinAndPlateAreUniqueAndAPlateIsComparedWithoutSpacingOrCase() {
        Partner partner = partner();
        Map<String, Object> first = listing();
        first.put("licensePlate", "B-XY " + java.util.concurrent.ThreadLocalRandom.current().nextInt(1000, 10000));
        list(partner, first);
        Map<String, Object> sameVin = listing();
        sameVin.put("vin", first.get("vin"));
        api.post("/api/partners/" + partner.id() + "/vehicles", sameVin, partner.token())
                .assertProblem(409, "duplicate-vehicle");
        Partner other = partner();
        Map<String, Object> samePlate = listing();
        samePlate.put("licensePlate", ((String) first.get("licensePlate")).replace("-", "").replace(" ", "").toLowerCase());
        Api.Response conflict = api.post("/api/partners/" + other.id() + "/vehicles", samePlate, other.token())
                .assertProblem(409, "duplicate-vehicle");
        assertThat(conflict.text("field")).isEqualTo("licensePlate");
        assertThat(count(other.id())).isZero();
    }

    @Test
    void onlyThePartnerThemselfOrAnAdminListsAndARejectedPartnerCannot() {
        Partner a = partner();
        Partner b = partner();
        api.post("/api/partners/" + a.id() + "/vehicles", listing(), b.token()).assertProblem(403, "forbidden");
        api.post("/api/partners/" + a.id() + "/vehicles", listing(), TestTokens.token("RENTER"))
                .assertProblem(403, "forbidden");
        api.post("/api/partners/" + a.id() + "/vehicles", listing(), null).assertProblem(401, "unauthorized");
        api.post("/api/partners/" + a.id() + "/vehicles", listing(), admin).assertStatus(201);
        api.get("/api/partners/" + a.id() + "/vehicles", b.token()).assertProblem(403, "forbidden");

        Partner rejected = partner();
        partnerStatus(rejected.id(), "REJECTED");
        api.post("/api/partners/" + rejected.id() + "/vehicles", listing(), rejected.token())
                .assertProblem(403, "partner-not-allowed");
        assertThat(count(rejected.id())).isZero();
    }

    @Test
    void theOwnerEditsWhatMayChangeAndNothingElse() {
        Partner owner = verifiedPartner();
        UUID id = bookable(owner, listing());
        String path = "/api/vehicles/" + id;
        try (KafkaProbe probe = new KafkaProbe(bootstrapServers, Topics.VEHICLE_EVENTS)) {
            Api.Response updated = api.patch(path, Map.of("basePricePerDay", 55, "description", "Now with winter tyres",
                    "features", List.of("Winter tyres"), "turnaroundMinutes", 90,
                    "location", location("Potsdam", "DE", 52.39, 13.06)), owner.token());
            updated.assertStatus(200);
            assertThat(updated.json().path("basePricePerDay").decimalValue()).isEqualByComparingTo("55");
            assertThat(updated.json().path("location").path("city").asString()).isEqualTo("Potsdam");
            assertThat(updated.json().path("turnaroundMinutes").asInt()).isEqualTo(90);
            assertThat(updated.text("status")).isEqualTo("ACTIVE");
            JsonNode event = probe.awaitEvent(VehicleEventTypes.VEHICLE_UPDATED, id.toString());
            assertThat(event.path("payload").path("changedFields").valueStream().map(JsonNode::asString).toList())
                    .containsExactlyInAnyOrder("basePricePerDay", "description", "features", "turnaroundMinutes",
                            "location");
        }
        // immutable and unknown fields
        for (String field : List.of("vin", "make", "model", "year", "status", "partnerId")) {
            api.patch(path, Map.of(field, "x"), owner.token()).assertInvalid(field);
        }
        api.patch(path, Map.of(), owner.token()).assertInvalid("body");
        api.patch(path, Map.of("basePricePerDay", 0), owner.token()).assertInvalid("basePricePerDay");
        api.patch(path, Map.of("basePricePerDay", 100000), owner.token()).assertInvalid("basePricePerDay");
        // someone else's vehicle does not exist for them
        Partner other = partner();
        api.patch(path, Map.of("description", "mine now"), other.token()).assertProblem(404, "not-found");
        api.delete(path, other.token()).assertProblem(404, "not-found");
        api.patch(path, Map.of("description", "x"), TestTokens.token("RENTER")).assertProblem(404, "not-found");
        assertThat(api.get(path).json().path("description").asString()).isEqualTo("Now with winter tyres");
        assertThat(api.get(path).json().has("vin")).as("public view hides the VIN").isFalse();
        api.patch("/api/vehicles/" + UUID.randomUUID(), Map.of("description", "x"), owner.token())
                .assertProblem(404, "not-found");
        api.get("/api/vehicles/not-a-uuid").assertProblem(400, "malformed-request");
    }

    @Test
    void retiringIsRefusedWhileBookingsLieAheadAndAllowedAfterwards() {
        Partner owner = verifiedPartner();
        UUID id = bookable(owner, listing());
        UUID bookingId = UUID.randomUUID();
        Instant pickup = Instant.now().plus(Duration.ofDays(3));
        publishBooking(BookingEventTypes.BOOKING_CONFIRMED,
                booking(bookingId, id, "CONFIRMED", pickup, pickup.plus(Duration.ofDays(2)), 2));
        awaitBooking(bookingId, 2);
        api.delete("/api/vehicles/" + id, owner.token()).assertProblem(409, "vehicle-has-future-bookings");
        assertThat(status(id)).isEqualTo("ACTIVE");

        publishBooking(BookingEventTypes.BOOKING_CANCELLED,
                booking(bookingId, id, "CANCELLED", pickup, pickup.plus(Duration.ofDays(2)), 3));
        awaitBooking(bookingId, 3);
        Api.Response retired = api.delete("/api/vehicles/" + id, owner.token());
        retired.assertStatus(200);
        assertThat(retired.text("status")).isEqualTo("RETIRED");
        api.get("/api/vehicles/" + id).assertProblem(404, "not-found");
        api.patch("/api/vehicles/" + id, Map.of("description", "back"), owner.token())
                .assertProblem(409, "illegal-vehicle-transition");
        api.delete("/api/vehicles/" + id, owner.token()).assertProblem(409, "illegal-vehicle-transition");
        // a retired vehicle's VIN may be listed again (the car was sold to another partner)
        Map<String, Object> again = listing();
        again.put("vin", jdbc.sql("select vin from vehicles where id = ?").param(id).query(String.class).single());
        list(partner(), again);
    }

    @Test
    void theInternalReadGivesBookingServiceWhatItNeeds() {
        Partner owner = verifiedPartner();
        UUID id = bookable(owner, listing());
        JsonNode internal = api.get("/internal/vehicles/" + id, bookingService).json();
        assertThat(internal.path("partnerId").asString()).isEqualTo(owner.id().toString());
        assertThat(internal.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(internal.path("bookable").asBoolean()).isTrue();
        assertThat(internal.path("basePricePerDay").decimalValue()).isEqualByComparingTo("49.90");
        assertThat(internal.path("currency").asString()).isEqualTo("EUR");
        assertThat(internal.path("turnaroundMinutes").asInt()).isEqualTo(60);
        assertThat(internal.path("city").asString()).isEqualTo("Berlin");
        api.get("/internal/vehicles/" + UUID.randomUUID(), bookingService).assertProblem(404, "not-found");
    }

    private long count(UUID partnerId) {
        return jdbc.sql("select count(*) from vehicles where partner_id = ?").param(partnerId).query(Long.class)
                .single();
    }
}
