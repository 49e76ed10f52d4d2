package com.smartlinkauto.vehicle.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.vehicle.Api;
import com.smartlinkauto.vehicle.VehicleTestSupport;

import tools.jackson.databind.JsonNode;

/**
 * {@code GET /internal/vehicles?partnerId=…}: booking-service's read of a partner's vehicles for the fleet status —
 * all of them and only theirs, newest first, a page at a time, with what tells them apart; bounded parameters; only a
 * service token for vehicle-service.
 */
class InternalPartnerVehiclesIT extends VehicleTestSupport {

    private Api.Response read(String query, String token) {
        return api.get("/internal/vehicles?" + query, token);
    }

    @Test
    void booking_serviceReadsEveryVehicleOfThePartnerNewestFirstAPageAtATime() {
        Partner owner = verifiedPartner();
        List<UUID> listed = new ArrayList<>();
        List<String> plates = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> body = listing();
            body.put("model", "Golf " + i);
            plates.add((String) body.get("licensePlate"));
            listed.add(list(owner, body));
        }
        approve(listed.get(1));
        UUID someoneElses = list(verifiedPartner(), listing());

        JsonNode all = read("partnerId=" + owner.id(), bookingService).assertStatus(200).json();
        assertThat(all.path("totalElements").asLong()).isEqualTo(3);
        assertThat(all.path("totalPages").asLong()).isEqualTo(1);
        List<String> ids = new ArrayList<>();
        all.path("items").forEach(v -> ids.add(v.path("id").asString()));
        assertThat(ids).containsExactly(listed.get(2).toString(), listed.get(1).toString(), listed.get(0).toString())
                .doesNotContain(someoneElses.toString());
        JsonNode newest = all.path("items").get(0);
        assertThat(newest.propertyNames()).containsExactly("id", "make", "model", "year", "licensePlate", "city",
                "status", "bookable");
        assertThat(newest.path("make").asString()).isEqualTo("Volkswagen");
        assertThat(newest.path("model").asString()).isEqualTo("Golf 2");
        assertThat(newest.path("year").asInt()).isEqualTo(2022);
        assertThat(newest.path("licensePlate").asString()).isEqualTo(plates.get(2));
        assertThat(newest.path("status").asString()).isEqualTo("PENDING_REVIEW");
        assertThat(newest.path("bookable").asBoolean()).isFalse();
        JsonNode approved = all.path("items").get(1);
        assertThat(approved.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(approved.path("bookable").asBoolean()).isTrue();

        JsonNode first = read("partnerId=" + owner.id() + "&page=0&size=2", bookingService).assertStatus(200).json();
        JsonNode second = read("partnerId=" + owner.id() + "&page=1&size=2", bookingService).assertStatus(200).json();
        assertThat(first.path("items").size()).isEqualTo(2);
        assertThat(first.path("totalPages").asLong()).isEqualTo(2);
        assertThat(second.path("items").size()).isEqualTo(1);
        assertThat(second.path("items").get(0).path("id").asString()).isEqualTo(listed.get(0).toString());

        JsonNode nobody = read("partnerId=" + UUID.randomUUID(), bookingService).assertStatus(200).json();
        assertThat(nobody.path("items").size()).isZero();
        assertThat(nobody.path("totalElements").asLong()).isZero();
    }

    @Test
    void theParametersAreBoundedAndOnlyAServiceTokenOpensIt() {
        Partner owner = verifiedPartner();
        list(owner, listing());
        Api.Response missing = read("", bookingService);
        assertThat(missing.status()).as(missing.body()).isEqualTo(400);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
        assertThat(missing.body()).contains("partnerId");
        read("partnerId=not-an-id", bookingService).assertUnreadable("partnerId");
        read("partnerId=" + owner.id() + "&size=0", bookingService).assertInvalid("size");
        read("partnerId=" + owner.id() + "&size=101", bookingService).assertInvalid("size");
        read("partnerId=" + owner.id() + "&page=-1", bookingService).assertInvalid("page");
        read("partnerId=" + owner.id() + "&page=10001", bookingService).assertInvalid("page");

        read("partnerId=" + owner.id(), null).assertProblem(401, "unauthorized");
        read("partnerId=" + owner.id(), owner.token()).assertProblem(401, "unauthorized");
        read("partnerId=" + owner.id(), admin).assertProblem(401, "unauthorized");
        read("partnerId=" + owner.id(), bookingService).assertStatus(200);
    }
}
