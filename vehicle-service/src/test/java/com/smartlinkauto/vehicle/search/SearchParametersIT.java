package com.smartlinkauto.vehicle.search;

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
 * The search parameters bound as one record ({@link SearchCriteria.Raw}): documented one by one with their bounds,
 * read from the query string only, and a value that cannot be read named as before.
 */
class SearchParametersIT extends VehicleTestSupport {

    @Test
    void everyParameterIsDocumentedAsAnOptionalQueryParameterWithItsBounds() {
        JsonNode parameters = api.get("/v3/api-docs").json().path("paths").path("/api/vehicles").path("get")
                .path("parameters");
        List<String> names = new ArrayList<>();
        parameters.forEach(p -> {
            names.add(p.path("name").asString());
            assertThat(p.path("in").asString()).as(p.toString()).isEqualTo("query");
            assertThat(p.path("required").asBoolean(false)).as(p.toString()).isFalse();
        });
        assertThat(names).containsExactly("city", "country", "near", "radiusKm", "from", "to", "make", "model",
                "minPrice", "maxPrice", "seats", "transmission", "fuelType", "page", "size", "sort");
        assertThat(description(parameters, "seats")).contains("1 to 9");
        assertThat(description(parameters, "radiusKm")).contains("at most 500");
        assertThat(description(parameters, "page")).contains("0 to 10000");
        assertThat(description(parameters, "size")).contains("1 to 100");
        assertThat(description(parameters, "minPrice")).contains("10 digits before the point and 4 after");
        assertThat(description(parameters, "city")).contains("at most 80 characters");
        assertThat(parameters.get(names.indexOf("seats")).path("schema").path("type").asString()).isEqualTo("integer");
        assertThat(parameters.get(names.indexOf("minPrice")).path("schema").path("type").asString()).isEqualTo("number");
    }

    @Test
    void parametersComeFromTheQueryStringOnly() {
        Partner partner = verifiedPartner();
        String city = "Params-" + UUID.randomUUID().toString().substring(0, 8);
        for (int seats : new int[] { 2, 7 }) {
            Map<String, Object> body = listing();
            body.put("location", location(city, "DE", 50.1, 8.6));
            body.put("seats", seats);
            bookable(partner, body);
        }
        String search = "/api/vehicles?city=" + city;
        // a header named like a parameter binds nothing (Spring would bind it to a model attribute otherwise)
        assertThat(api.send("GET", search, null, null, Map.of("Seats", "many", "Size", "x", "City", "Nowhere"))
                .assertStatus(200).json().path("totalElements").asLong()).isEqualTo(2);
        // nor do form-field markers and defaults (_name, !name)
        assertThat(api.get(search + "&_seats=5&%21seats=5").assertStatus(200).json().path("totalElements").asLong())
                .isEqualTo(2);
        assertThat(api.get(search + "&seats=5").json().path("totalElements").asLong()).isEqualTo(1);
    }

    @Test
    void theFirstUnreadableParameterInTheRecordsOrderIsNamed() {
        api.get("/api/vehicles?seats=many&minPrice=cheap").assertUnreadable("minPrice");
        api.get("/api/vehicles?size=x&page=y").assertUnreadable("page");
        Api.Response response = api.get("/api/vehicles?sort=year&seats=x&radiusKm=y").assertUnreadable("radiusKm");
        assertThat(response.json().path("errors")).hasSize(1);
        assertThat(response.body()).doesNotContain("\"y\"");
    }

    private static String description(JsonNode parameters, String name) {
        for (JsonNode parameter : parameters) {
            if (name.equals(parameter.path("name").asString())) {
                return parameter.path("description").asString();
            }
        }
        throw new AssertionError("no parameter " + name);
    }
}
