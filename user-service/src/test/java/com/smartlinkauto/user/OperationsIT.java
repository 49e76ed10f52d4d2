package com.smartlinkauto.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Health, metrics and the API description. */
@UserServiceIT
class OperationsIT extends ApiTestSupport {

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
    void prometheusExposesTheBusinessCounters() {
        Api.Account renter = api.registerRenter();
        api.login(renter);
        String metrics = api.get("/actuator/prometheus").body();
        assertThat(metrics).contains("smartlink_users_registrations_total").contains("role=\"RENTER\"")
                .contains("smartlink_users_logins_total").contains("outcome=\"success\"")
                .contains("application=\"user-service\"");
    }

    @Test
    void otherActuatorEndpointsNeedAnAdmin() {
        api.get("/actuator/metrics").assertProblem(401, "unauthorized");
        api.get("/actuator/metrics", api.login(api.registerRenter()).accessToken()).assertProblem(403, "forbidden");
        assertThat(api.get("/actuator/metrics", api.adminToken()).status()).isEqualTo(200);
    }

    @Test
    void theOpenApiDescriptionListsTheEndpoints() {
        Api.Response docs = api.get("/v3/api-docs");
        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        assertThat(docs.json().path("paths").propertyNames()).contains("/api/auth/register", "/api/auth/login",
                "/api/auth/refresh", "/api/auth/logout", "/.well-known/jwks.json", "/api/users/me",
                "/api/users/me/password", "/api/partners", "/api/partners/me/resubmit",
                "/api/admin/partners/pending", "/api/admin/partners/{id}/verification", "/api/admin/audit",
                "/api/admin/users", "/api/users/me/notifications", "/api/users/me/notifications/{id}/read",
                "/api/admin/keys/rotate");
    }
}
