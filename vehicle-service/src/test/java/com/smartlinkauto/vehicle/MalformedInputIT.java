package com.smartlinkauto.vehicle;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Issue #10's malformed requests against vehicle-service, each of which answered 500 (or, for
 * {@code minPrice=1e999999999}, killed the JVM) before: every one is now a 400 problem naming the input,
 * nothing is stored, and the service keeps answering.
 */
class MalformedInputIT extends VehicleTestSupport {

    private static final String NUL = "\u0000";
    private static final String YEAR_300000 = "+300000-01-01T00:00:00Z";
    private static final String DOTTED_I_80 = "\u0130".repeat(80);

    private final Instant day = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.DAYS);

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private long vehicles(UUID partnerId) {
        return jdbc.sql("select count(*) from vehicles where partner_id = ?").param(partnerId).query(Long.class).single();
    }

    @Test
    void nulAndOtherControlCharactersInAListingAre400AndNothingIsStored() {
        Partner partner = partner();
        String path = "/api/partners/" + partner.id() + "/vehicles";
        record Case(String field, Object value, String reported) {
        }
        for (Case c : List.of(new Case("make", "VW" + NUL, "make"), new Case("model", "Go" + NUL + "lf", "model"),
                new Case("description", "Clean" + NUL, "description"),
                new Case("features", List.of("Bluetooth" + NUL), "features[0]"),
                new Case("location", location("Ber" + NUL + "lin", "DE", 52.5, 13.4), "location.city"),
                new Case("make", "VW\u202Egnp.exe", "make"), new Case("model", "Golf\u001b[31m", "model"),
                new Case("description", "a\u0085b", "description"))) {
            Map<String, Object> body = listing();
            body.put(c.field(), c.value());
            api.post(path, body, partner.token()).assertInvalid(c.reported());
        }
        assertThat(vehicles(partner.id())).isZero();
        // a description may have line breaks
        Map<String, Object> multiline = listing();
        multiline.put("description", "Clean.\r\nNon-smoking.\tPets welcome.");
        list(partner, multiline);
    }

    @Test
    void nulInAnEditIs400AndChangesNothing() {
        Partner partner = partner();
        UUID id = list(partner, listing());
        String path = "/api/vehicles/" + id;
        api.patch(path, Map.of("description", "x" + NUL), partner.token()).assertInvalid("description");
        api.patch(path, Map.of("features", List.of(NUL)), partner.token()).assertInvalid("features[0]");
        api.patch(path, Map.of("location", location(NUL, "DE", 52.5, 13.4)), partner.token())
                .assertInvalid("location.city");
        api.patch(path, Map.of("basePricePerDay", new java.math.BigDecimal("1e999999999")), partner.token())
                .assertInvalid("basePricePerDay");
        assertThat(api.get(path, partner.token()).json().path("description").asString()).isEqualTo("Clean and reliable.");
    }

    @Test
    void nulInSearchTextIs400() {
        for (String parameter : List.of("make", "model", "city")) {
            api.get("/api/vehicles?" + parameter + "=" + q("a" + NUL + "b")).assertInvalid(parameter);
            api.get("/api/vehicles?" + parameter + "=" + q("a\u202Eb")).assertInvalid(parameter);
        }
        api.get("/api/vehicles?make=" + q("Golf")).assertStatus(200);
    }

    @Test
    void aCityOf80DottedCapitalIsIs400InSearchAndListingBecauseItLowerCasesTo160Characters() {
        api.get("/api/vehicles?city=" + q(DOTTED_I_80)).assertInvalid("city");
        Partner partner = partner();
        Map<String, Object> body = listing();
        body.put("location", location(DOTTED_I_80, "TR", 41.0, 29.0));
        api.post("/api/partners/" + partner.id() + "/vehicles", body, partner.token()).assertInvalid("location.city");
        assertThat(vehicles(partner.id())).isZero();
        // 40 of them fit: 40 characters stored, 80 in the lower-cased search key
        String forty = "\u0130".repeat(40);
        body.put("location", location(forty, "TR", 41.0, 29.0));
        list(partner, body);
        api.get("/api/vehicles?city=" + q(forty)).assertStatus(200);
        // decomposed and composed spellings of a city are one city
        Partner verified = verifiedPartner();
        Map<String, Object> zurich = listing();
        String city = "Zu\u0308rich-" + UUID.randomUUID().toString().substring(0, 8);
        zurich.put("location", location(city, "CH", 47.37, 8.54));
        UUID id = bookable(verified, zurich);
        String composed = java.text.Normalizer.normalize(city, java.text.Normalizer.Form.NFC);
        assertThat(api.get("/api/vehicles?city=" + q(composed)).json().path("items").findValuesAsString("id"))
                .containsExactly(id.toString());
        assertThat(api.get("/api/vehicles/" + id).json().path("location").path("city").asString()).isEqualTo(composed);
    }

    @Test
    void pricesBeyondEveryBoundAre400AndTheServiceLives() {
        for (String price : List.of("1e999999999", "1e200000", "1e-999999999", "-1e999999999", "12345678901",
                "0.00001")) {
            api.get("/api/vehicles?minPrice=" + q(price)).assertInvalid("minPrice");
            api.get("/api/vehicles?maxPrice=" + q(price)).assertInvalid("maxPrice");
        }
        // an exponent beyond what a number can hold is refused while it is read
        api.get("/api/vehicles?minPrice=1e9999999999").assertUnreadable("minPrice");
        // still alive, and sane bounds still work
        api.get("/api/vehicles?minPrice=10&maxPrice=99.99").assertStatus(200);
        Partner partner = partner();
        Map<String, Object> body = listing();
        body.put("basePricePerDay", new java.math.BigDecimal("1e999999999"));
        api.post("/api/partners/" + partner.id() + "/vehicles", body, partner.token()).assertInvalid("basePricePerDay");
        body.put("basePricePerDay", "1e-999999999");
        api.post("/api/partners/" + partner.id() + "/vehicles", body, partner.token()).assertInvalid("basePricePerDay");
        assertThat(vehicles(partner.id())).isZero();
    }

    @Test
    void datesInYear300000Are400InSearchAvailabilityAndBlackouts() {
        String later = day.plus(Duration.ofDays(1)).toString();
        api.get("/api/vehicles?from=" + q(YEAR_300000) + "&to=" + q("+300000-01-02T00:00:00Z")).assertInvalid("from");
        api.get("/api/vehicles?from=" + q(day.toString()) + "&to=" + q(YEAR_300000)).assertInvalid("to");
        api.get("/api/vehicles?from=" + q("1969-12-31T00:00:00Z") + "&to=" + q(later)).assertInvalid("from");

        Partner owner = verifiedPartner();
        UUID id = bookable(owner, listing());
        String availability = "/api/vehicles/" + id + "/availability";
        api.get(availability + "?from=" + q(YEAR_300000) + "&to=" + q("+300000-01-02T00:00:00Z")).assertInvalid("from");
        api.get(availability + "?from=" + q(day.toString()) + "&to=" + q(YEAR_300000)).assertInvalid("to");
        api.get(availability + "?from=" + q(day.toString()) + "&to=" + q(later)).assertStatus(200);

        String blackouts = "/api/vehicles/" + id + "/blackouts";
        api.post(blackouts, Map.of("from", YEAR_300000, "to", "+300000-01-02T00:00:00Z"), owner.token())
                .assertInvalid("from");
        api.post(blackouts, Map.of("from", day.toString(), "to", YEAR_300000), owner.token()).assertInvalid("to");
        // inside the window but beyond the product's horizon (730 days ahead by default)
        Instant farAhead = Instant.now().plus(Duration.ofDays(800));
        api.post(blackouts, Map.of("from", farAhead.toString(), "to", farAhead.plus(Duration.ofDays(1)).toString()),
                owner.token()).assertInvalid("to");
        assertThat(jdbc.sql("select count(*) from blackouts where vehicle_id = ?").param(id).query(Long.class).single())
                .isZero();
        api.post(blackouts, Map.of("from", day.toString(), "to", later), owner.token()).assertStatus(201);
    }

    @Test
    void nulInBlackoutAndRejectionReasonsIs400() {
        Partner owner = verifiedPartner();
        UUID id = list(owner, listing());
        api.post("/api/vehicles/" + id + "/blackouts",
                Map.of("from", day.toString(), "to", day.plus(Duration.ofDays(1)).toString(), "reason", "we" + NUL),
                owner.token()).assertInvalid("reason");
        api.patch("/api/admin/vehicles/" + id + "/verification", Map.of("status", "REJECTED", "reason", "blurry" + NUL),
                admin).assertInvalid("reason");
        assertThat(status(id)).isEqualTo("PENDING_REVIEW");
        approve(id);
        api.patch("/api/admin/vehicles/" + id + "/status", Map.of("status", "SUSPENDED", "reason", "x\u202E" ),
                admin).assertInvalid("reason");
        assertThat(status(id)).isEqualTo("ACTIVE");
    }

    @Test
    void aPhotoUploadWithoutAMultipartBoundaryIs400() {
        Partner owner = partner();
        UUID id = list(owner, listing());
        String path = "/api/vehicles/" + id + "/photos";
        api.sendBytes("POST", path, "multipart/form-data", "hello".getBytes(StandardCharsets.UTF_8), owner.token())
                .assertProblem(400, "malformed-request");
        api.sendBytes("POST", path, "multipart/form-data; boundary=zz", "hello".getBytes(StandardCharsets.UTF_8),
                owner.token()).assertProblem(400, "malformed-request");
        api.sendBytes("POST", path, "image/png", new byte[] { 1, 2, 3 }, owner.token())
                .assertProblem(415, "unsupported-media-type");
    }

    @Test
    void malformedIdsAndParametersAreProblemsNamingTheParameter() {
        String token = partner().token();
        api.get("/api/vehicles/not-a-uuid").assertUnreadable("id");
        api.get("/api/vehicles/" + UUID.randomUUID() + "/availability?from=yesterday&to=today").assertUnreadable("from");
        api.get("/api/vehicles/" + UUID.randomUUID() + "/photos/" + q("..%2f..")).assertProblem(400, "malformed-request");
        api.delete("/api/vehicles/" + UUID.randomUUID() + "/blackouts/1", token).assertUnreadable("blackoutId");
        api.get("/api/partners/me/vehicles?status=" + q("ACT" + NUL + "IVE"), token).assertUnreadable("status");
        api.get("/api/partners/me/vehicles?page=99999999999", token).assertUnreadable("page");
        api.get("/api/vehicles?seats=99999999999").assertUnreadable("seats");
        api.get("/api/vehicles?radiusKm=1e999&near=1,2").assertInvalid("radiusKm");
        api.get("/api/vehicles?near=NaN,NaN").assertInvalid("near");
    }
}
