package com.smartlinkauto.user.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import com.smartlinkauto.servicedefaults.revocation.RevokedAccessTokens;
import com.smartlinkauto.user.Api;
import com.smartlinkauto.user.ApiTestSupport;
import com.smartlinkauto.user.UserServiceIT;

/**
 * Refresh, logout and password change put the access tokens they end on the deny list the gateway checks
 * (Redis, one key per jti, expiring with the token + 60 s skew); the refresh token rows record which access
 * token was issued with them.
 */
@UserServiceIT
class AccessTokenRevocationIT extends ApiTestSupport {

    /** Access-token lifetime (15 min) + the validators' clock skew (60 s). */
    static final long MAX_TTL_SECONDS = 15 * 60 + 60;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcTemplate jdbc;

    static String jti(String accessToken) {
        String payload = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]));
        return Api.JSON.readTree(payload).path("jti").asString();
    }

    private boolean revoked(String accessToken) {
        return Boolean.TRUE.equals(redis.hasKey(RevokedAccessTokens.key(jti(accessToken))));
    }

    /** Seconds until the deny-list entry of the token expires (-2: no entry). */
    private long ttl(String accessToken) {
        return redis.getExpire(RevokedAccessTokens.key(jti(accessToken)));
    }

    @Test
    void eachRefreshTokenRecordsTheAccessTokenIssuedWithIt() {
        Api.Tokens tokens = api.login(api.registerRenter());
        String recorded = jdbc.queryForObject(
                "select access_token_id from refresh_tokens where token_hash = ?", String.class,
                RefreshTokenService.hash(tokens.refreshToken()));
        assertThat(recorded).isEqualTo(jti(tokens.accessToken()));
        Long secondsLeft = jdbc.queryForObject(
                "select extract(epoch from access_token_expires_at - now())::bigint from refresh_tokens where token_hash = ?",
                Long.class, RefreshTokenService.hash(tokens.refreshToken()));
        assertThat(secondsLeft).isBetween(15 * 60L - 30, 15 * 60L);
        assertThat(revoked(tokens.accessToken())).as("a fresh login revokes nothing").isFalse();
    }

    @Test
    void aRefreshRevokesThePreviousAccessTokenUntilItWouldHaveExpired() {
        Api.Tokens first = api.login(api.registerRenter());
        Api.Response refreshed = api.post("/api/auth/refresh", Map.of("refreshToken", first.refreshToken()));
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        String second = refreshed.text("accessToken");

        assertThat(revoked(first.accessToken())).isTrue();
        assertThat(ttl(first.accessToken())).isBetween(MAX_TTL_SECONDS - 60, MAX_TTL_SECONDS);
        assertThat(revoked(second)).as("the new access token").isFalse();
        // user-service itself does not consult the list (the gateway does): the old token still reads here
        assertThat(api.get("/api/users/me", first.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void logoutRevokesTheSessionsAccessTokenButNotAnotherSessions() {
        Api.Account renter = api.registerRenter();
        Api.Tokens session = api.login(renter);
        Api.Tokens otherSession = api.login(renter);
        assertThat(api.post("/api/auth/logout", Map.of("refreshToken", session.refreshToken())).status()).isEqualTo(204);
        assertThat(revoked(session.accessToken())).isTrue();
        assertThat(ttl(session.accessToken())).isBetween(MAX_TTL_SECONDS - 60, MAX_TTL_SECONDS);
        assertThat(revoked(otherSession.accessToken())).isFalse();
        // logout is idempotent: once more writes the same entry again
        assertThat(api.post("/api/auth/logout", Map.of("refreshToken", session.refreshToken())).status()).isEqualTo(204);
        assertThat(revoked(session.accessToken())).isTrue();
    }

    @Test
    void aRefreshedSessionsLogoutRevokesItsCurrentAccessToken() {
        Api.Tokens first = api.login(api.registerRenter());
        Api.Response refreshed = api.post("/api/auth/refresh", Map.of("refreshToken", first.refreshToken()));
        String currentAccess = refreshed.text("accessToken");
        String currentRefresh = refreshed.text("refreshToken");
        assertThat(api.post("/api/auth/logout", Map.of("refreshToken", currentRefresh)).status()).isEqualTo(204);
        assertThat(revoked(currentAccess)).isTrue();
    }

    @Test
    void aPasswordChangeRevokesTheAccessTokensOfEverySession() {
        Api.Account renter = api.registerRenter();
        Api.Tokens one = api.login(renter);
        Api.Tokens two = api.login(renter);
        Api.Response changed = api.post("/api/users/me/password",
                Map.of("currentPassword", renter.password(), "newPassword", "Another-Long-Secret-93"), one.accessToken());
        assertThat(changed.status()).as(changed.body()).isEqualTo(204);
        assertThat(revoked(one.accessToken())).as("the token that changed the password").isTrue();
        assertThat(revoked(two.accessToken())).as("another session's").isTrue();
        assertThat(ttl(two.accessToken())).isBetween(MAX_TTL_SECONDS - 60, MAX_TTL_SECONDS);
    }

    @Test
    void reusingASpentRefreshTokenRevokesTheFamilysAccessTokens() {
        Api.Tokens first = api.login(api.registerRenter());
        Api.Response refreshed = api.post("/api/auth/refresh", Map.of("refreshToken", first.refreshToken()));
        String current = refreshed.text("accessToken");
        // the spent token again: someone holds a copy
        api.post("/api/auth/refresh", Map.of("refreshToken", first.refreshToken()))
                .assertProblem(401, "invalid-refresh-token");
        assertThat(revoked(current)).isTrue();
    }

    @Test
    void revocationsAreCounted() {
        Api.Tokens tokens = api.login(api.registerRenter());
        api.post("/api/auth/logout", Map.of("refreshToken", tokens.refreshToken()));
        assertThat(api.get("/actuator/prometheus").body())
                .contains("smartlink_users_access_token_revocations_total{")
                .contains("outcome=\"written\"");
    }
}
