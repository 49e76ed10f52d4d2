package com.smartlinkauto.vehicle.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.testsupport.security.TestTokens;
import com.smartlinkauto.vehicle.Api;
import com.smartlinkauto.vehicle.VehicleTestSupport;

/**
 * {@code /internal/vehicles/**} takes only a service token for vehicle-service: not an anonymous caller, not a
 * user (an admin neither), not a token for another service, not one without the internal scope or expired; and a
 * service token opens nothing on the user API.
 */
class InternalApiSecurityIT extends VehicleTestSupport {

    @Test
    void anAnonymousCallerGets401() {
        UUID id = bookable(verifiedPartner(), listing());
        Api.Response refused = api.get("/internal/vehicles/" + id);
        refused.assertProblem(401, "unauthorized");
        assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(refused.body()).doesNotContain("basePricePerDay");
    }

    @Test
    void aUsersTokenEvenAnAdminsIsRefused() {
        UUID id = bookable(verifiedPartner(), listing());
        api.get("/internal/vehicles/" + id, admin).assertProblem(401, "unauthorized");
        Partner owner = partner();
        api.get("/internal/vehicles/" + id, owner.token()).assertProblem(401, "unauthorized");
    }

    @Test
    void aServiceTokenForAnotherAudienceWithoutTheScopeOrExpiredIsRefused() {
        UUID id = bookable(verifiedPartner(), listing());
        for (String token : List.of(TestTokens.service("booking-service", "storage-controller-service"),
                TestTokens.service("booking-service", List.of("vehicle-service"), "openid", Duration.ofMinutes(5)),
                TestTokens.service("booking-service", List.of("vehicle-service"), "internal", Duration.ofMinutes(-5)))) {
            api.get("/internal/vehicles/" + id, token).assertProblem(401, "unauthorized");
        }
        assertThat(api.get("/internal/vehicles/" + id, bookingService).status()).isEqualTo(200);
    }

    @Test
    void aServiceTokenOnTheUserApiIsA401() {
        Partner owner = verifiedPartner();
        list(owner, listing());
        api.get("/api/partners/" + owner.id() + "/vehicles", bookingService).assertProblem(401, "unauthorized");
        api.send("POST", "/api/partners/" + owner.id() + "/vehicles", listing(), bookingService, Map.of())
                .assertProblem(401, "unauthorized");
        api.get("/api/admin/vehicles/pending", bookingService).assertProblem(401, "unauthorized");
    }
}
