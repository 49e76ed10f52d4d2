package com.smartlinkauto.vehicle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.testsupport.security.TestTokens;

/** Health, metrics and the API description. */
class OperationsIT extends VehicleTestSupport {

    @Test
    void healthProbesArePublic() {
        for (String path : new String[] { "/actuator/health", "/actuator/health/liveness",
                "/actuator/health/readiness" }) {
            Api.Response response = api.get(path);
            assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
            assertThat(response.text("status")).isEqualTo("UP");
        }
    }

    @Test
    void prometheusExposesCacheAndCatalogueMetrics() {
        list(partner(), listing());
        api.get("/api/vehicles?city=Nowhere").assertStatus(200);
        String metrics = api.get("/actuator/prometheus").body();
        assertThat(metrics).contains("smartlink_cache_requests_total{")
                .contains("cache=\"search\"").contains("cache=\"vehicle\"").contains("result=\"hit\"")
                .contains("result=\"miss\"").contains("smartlink_vehicles_listed_total")
                .contains("smartlink_vehicles_search_query_seconds").contains("application=\"vehicle-service\"");
    }

    @Test
    void otherActuatorEndpointsNeedAnAdmin() {
        api.get("/actuator/metrics").assertProblem(401, "unauthorized");
        api.get("/actuator/metrics", TestTokens.token("PARTNER")).assertProblem(403, "forbidden");
        assertThat(api.get("/actuator/metrics", admin).status()).isEqualTo(200);
    }

    @Test
    void theOpenApiDescriptionListsTheEndpoints() {
        Api.Response docs = api.get("/v3/api-docs");
        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        assertThat(docs.json().path("paths").propertyNames()).contains("/api/vehicles", "/api/vehicles/{id}",
                "/api/partners/{partnerId}/vehicles", "/api/admin/vehicles/pending",
                "/api/admin/vehicles/{id}/verification", "/api/admin/vehicles/{id}/status",
                "/api/admin/vehicles/{id}/audit", "/api/vehicles/{vehicleId}/blackouts",
                "/api/vehicles/{vehicleId}/blackouts/{blackoutId}", "/api/vehicles/{vehicleId}/availability",
                "/api/vehicles/{vehicleId}/photos", "/api/vehicles/{vehicleId}/photos/{photoId}",
                "/internal/vehicles/{id}");
    }
}
