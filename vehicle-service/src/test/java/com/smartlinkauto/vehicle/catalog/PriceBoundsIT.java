package com.smartlinkauto.vehicle.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.vehicle.Api;
import com.smartlinkauto.vehicle.VehicleTestSupport;

import tools.jackson.databind.JsonNode;

/**
 * The highest price per day is a bound per currency (config-repo: EUR and USD 10,000, XAF 10,000,000, any other
 * currency 10,000): an ordinary Cameroonian price is listed, a price above its currency's bound is a 400 that names
 * that bound, on a listing and on a price change alike.
 */
class PriceBoundsIT extends VehicleTestSupport {

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private static Map<String, Object> inCameroon(Object price) {
        Map<String, Object> body = listing();
        body.put("currency", "XAF");
        body.put("basePricePerDay", price);
        body.put("location", location("Douala", "CM", 4.05, 9.7));
        return body;
    }

    private static Map<String, Object> inEuros(Object price) {
        Map<String, Object> body = listing();
        body.put("basePricePerDay", price);
        return body;
    }

    /** The 400 names the field, the bound and its currency, in the field's message, the detail and properties. */
    private static void assertOverTheBound(Api.Response response, String bound, String currency) {
        response.assertInvalid("basePricePerDay");
        JsonNode problem = response.json();
        String message = "must be at most " + bound + " " + currency + " per day (the limit for " + currency + ")";
        assertThat(problem.path("errors").path(0).path("message").asString()).isEqualTo(message);
        assertThat(problem.path("detail").asString()).contains(message);
        assertThat(problem.path("currency").asString()).isEqualTo(currency);
        assertThat(problem.path("maxPricePerDay").decimalValue()).isEqualByComparingTo(bound);
    }

    @Test
    void anOrdinaryCameroonianPriceIsListedAndOneAboveTheXafBoundIsNot() {
        Partner partner = partner();
        String path = "/api/partners/" + partner.id() + "/vehicles";
        Api.Response created = api.post(path, inCameroon(25_000), partner.token());
        created.assertStatus(201);
        assertThat(created.json().path("basePricePerDay").decimalValue()).isEqualByComparingTo("25000");
        assertThat(created.text("currency")).isEqualTo("XAF");
        assertThat(count("select price_minor from vehicles where id = ?", UUID.fromString(created.text("id"))))
                .isEqualTo(25_000);
        // the bound itself is allowed; a franc more is not
        list(partner, inCameroon(10_000_000));
        assertOverTheBound(api.post(path, inCameroon(10_000_001), partner.token()), "10000000", "XAF");
        assertThat(count("select count(*) from vehicles where partner_id = ?", partner.id())).isEqualTo(2);
    }

    @Test
    void euroPricesKeepTheirOwnBound() {
        Partner partner = partner();
        String path = "/api/partners/" + partner.id() + "/vehicles";
        list(partner, inEuros(new BigDecimal("10000.00")));
        assertOverTheBound(api.post(path, inEuros(new BigDecimal("10000.01")), partner.token()), "10000", "EUR");
        // what is fine in XAF is far too much in EUR
        assertOverTheBound(api.post(path, inEuros(25_000), partner.token()), "10000", "EUR");
        // a currency without its own entry has the default bound
        Map<String, Object> pounds = inEuros(10_001);
        pounds.put("currency", "GBP");
        assertOverTheBound(api.post(path, pounds, partner.token()), "10000", "GBP");
        assertThat(count("select count(*) from vehicles where partner_id = ?", partner.id())).isEqualTo(1);
    }

    @Test
    void aPriceChangeIsBoundByTheVehiclesCurrency() {
        Partner partner = partner();
        UUID francs = list(partner, inCameroon(25_000));
        UUID euros = list(partner, inEuros(49));
        api.patch("/api/vehicles/" + francs, Map.of("basePricePerDay", 9_000_000), partner.token()).assertStatus(200);
        assertOverTheBound(api.patch("/api/vehicles/" + francs, Map.of("basePricePerDay", 10_000_001), partner.token()),
                "10000000", "XAF");
        assertOverTheBound(api.patch("/api/vehicles/" + euros, Map.of("basePricePerDay", 25_000), partner.token()),
                "10000", "EUR");
        assertThat(count("select price_minor from vehicles where id = ?", francs)).isEqualTo(9_000_000);
        assertThat(count("select price_minor from vehicles where id = ?", euros)).isEqualTo(4_900);
        // the admin is held to the same bound
        assertOverTheBound(api.patch("/api/vehicles/" + francs, Map.of("basePricePerDay", 10_000_001), admin),
                "10000000", "XAF");
    }
}
