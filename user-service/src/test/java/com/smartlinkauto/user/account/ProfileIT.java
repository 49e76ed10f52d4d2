package com.smartlinkauto.user.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.user.Api;
import com.smartlinkauto.user.ApiTestSupport;
import com.smartlinkauto.user.UserServiceIT;

/** {@code GET/PATCH /api/users/me} and {@code POST /api/users/me/password}. */
@UserServiceIT
class ProfileIT extends ApiTestSupport {

    @Test
    void meIsTheCallersOwnAccount() {
        Api.Account one = api.registerRenter();
        Api.Account two = api.registerPartner();
        Api.Response me = api.get("/api/users/me", api.login(one).accessToken());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("id")).isEqualTo(one.id());
        assertThat(me.text("email")).isEqualTo(one.email());
        Api.Response partner = api.get("/api/users/me", api.login(two).accessToken());
        assertThat(partner.text("id")).isEqualTo(two.id());
        assertThat(partner.text("verificationStatus")).isEqualTo("PENDING");
        assertThat(me.body() + partner.body()).doesNotContainIgnoringCase("password").doesNotContain("$2a$");
    }

    @Test
    void patchChangesOnlyTheGivenFields() {
        Api.Account renter = api.registerRenter();
        String token = api.login(renter).accessToken();
        Api.Response changed = api.patch("/api/users/me", Map.of("firstName", "  Katherine ", "phoneNumber", "+442071838750"),
                token);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.text("firstName")).isEqualTo("Katherine");
        assertThat(changed.text("lastName")).isEqualTo("Lovelace");
        assertThat(changed.text("phoneNumber")).isEqualTo("+442071838750");
        Map<String, Object> nothing = new LinkedHashMap<>();
        nothing.put("lastName", null);
        assertThat(api.patch("/api/users/me", nothing, token).text("lastName")).isEqualTo("Lovelace");
        assertThat(api.get("/api/users/me", token).text("firstName")).isEqualTo("Katherine");
    }

    @Test
    void patchRejectsBadValuesAndFieldsThatCannotChange() {
        String token = api.login(api.registerRenter()).accessToken();
        api.patch("/api/users/me", Map.of("firstName", "   "), token).assertProblem(400, "validation");
        api.patch("/api/users/me", Map.of("lastName", "z".repeat(101)), token).assertProblem(400, "validation");
        api.patch("/api/users/me", Map.of("phoneNumber", "555-0123"), token).assertProblem(400, "validation");
        api.patch("/api/users/me", Map.of("email", "new@example.test"), token).assertProblem(400, "validation");
        api.patch("/api/users/me", Map.of("roles", new String[] { "ADMIN" }), token).assertProblem(400, "validation");
        api.patch("/api/users/me", "{\"firstName\":", token).assertProblem(400, "malformed-request");
        api.patch("/api/users/me", Map.of("firstName", "Ok"), null).assertProblem(401, "unauthorized");
    }

    @Test
    void changingThePasswordChecksTheOldOneAndEndsEverySession() {
        Api.Account renter = api.registerRenter();
        Api.Tokens session = api.login(renter);
        String newPassword = "Brand-New-Secret-Phrase-9";

        api.post("/api/users/me/password", Map.of("currentPassword", "Wrong-Current-1", "newPassword", newPassword),
                session.accessToken()).assertProblem(400, "current-password-mismatch");
        Api.Response weak = api.post("/api/users/me/password",
                Map.of("currentPassword", renter.password(), "newPassword", "password1234"), session.accessToken())
                .assertProblem(400, "validation");
        assertThat(weak.json().path("errors").get(0).path("field").asString()).isEqualTo("newPassword");
        api.post("/api/users/me/password", Map.of("currentPassword", renter.password()), session.accessToken())
                .assertProblem(400, "validation");

        Api.Response changed = api.post("/api/users/me/password",
                Map.of("currentPassword", renter.password(), "newPassword", newPassword), session.accessToken());
        assertThat(changed.status()).as(changed.body()).isEqualTo(204);

        api.post("/api/auth/refresh", Map.of("refreshToken", session.refreshToken()))
                .assertProblem(401, "invalid-refresh-token");
        api.post("/api/auth/login", Map.of("email", renter.email(), "password", renter.password()))
                .assertProblem(401, "invalid-credentials");
        assertThat(api.login(renter.email(), newPassword).accessToken()).isNotBlank();
    }
}
