package com.smartlinkauto.user.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.smartlinkauto.user.Api;
import com.smartlinkauto.user.ApiTestSupport;
import com.smartlinkauto.user.UserServiceIT;

/** {@code POST /api/auth/refresh} and {@code POST /api/auth/logout}: rotation, reuse detection, revocation. */
@UserServiceIT
class RefreshTokenIT extends ApiTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    private Api.Response refresh(String token) {
        return api.post("/api/auth/refresh", Map.of("refreshToken", token));
    }

    @Test
    void refreshRotatesTheRefreshTokenAndIssuesAWorkingAccessToken() {
        Api.Account renter = api.registerRenter();
        Api.Tokens first = api.login(renter);
        Api.Response response = refresh(first.refreshToken());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        String rotated = response.text("refreshToken");
        assertThat(rotated).isNotBlank().isNotEqualTo(first.refreshToken());
        assertThat(response.json().path("expiresIn").asLong()).isEqualTo(900);
        Api.Response me = api.get("/api/users/me", response.text("accessToken"));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("id")).isEqualTo(renter.id());
        // and the successor rotates again
        assertThat(refresh(rotated).status()).isEqualTo(200);
    }

    @Test
    void reusingASpentRefreshTokenRevokesItsWholeFamily() {
        Api.Account renter = api.registerRenter();
        Api.Tokens stolen = api.login(renter);
        Api.Tokens otherDevice = api.login(renter);
        String successor = refresh(stolen.refreshToken()).text("refreshToken");

        refresh(stolen.refreshToken()).assertProblem(401, "invalid-refresh-token");
        // the legitimate successor dies with the family
        refresh(successor).assertProblem(401, "invalid-refresh-token");
        // another login of the same user is another family: untouched
        assertThat(refresh(otherDevice.refreshToken()).status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(distinct family_id) from refresh_tokens r join users u "
                + "on u.id = r.user_id where u.email = ? and r.revoked_at is not null", Integer.class, renter.email()))
                .isOne();
    }

    @Test
    void logoutEndsTheSessionAndIsIdempotent() {
        Api.Account renter = api.registerRenter();
        Api.Tokens tokens = api.login(renter);
        String successor = refresh(tokens.refreshToken()).text("refreshToken");
        assertThat(api.post("/api/auth/logout", Map.of("refreshToken", successor)).status()).isEqualTo(204);
        refresh(successor).assertProblem(401, "invalid-refresh-token");
        assertThat(api.post("/api/auth/logout", Map.of("refreshToken", successor)).status()).isEqualTo(204);
        assertThat(api.post("/api/auth/logout", Map.of("refreshToken", "never-issued")).status()).isEqualTo(204);
        api.post("/api/auth/logout", Map.of()).assertProblem(400, "validation");
    }

    @Test
    void unknownExpiredAndMissingRefreshTokens() {
        refresh("not-a-token-we-issued").assertProblem(401, "invalid-refresh-token");
        api.post("/api/auth/refresh", Map.of()).assertProblem(400, "validation");
        api.post("/api/auth/refresh", Map.of("refreshToken", "x".repeat(201))).assertProblem(400, "validation");
        api.post("/api/auth/refresh", "{").assertProblem(400, "malformed-request");

        Api.Account renter = api.registerRenter();
        Api.Tokens tokens = api.login(renter);
        jdbc.update("update refresh_tokens set expires_at = now() - interval '1 second' where user_id = ?::uuid",
                renter.id());
        refresh(tokens.refreshToken()).assertProblem(401, "invalid-refresh-token");
    }
}
