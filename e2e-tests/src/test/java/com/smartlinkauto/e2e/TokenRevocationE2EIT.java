package com.smartlinkauto.e2e;

import static com.smartlinkauto.e2e.Platform.gateway;
import static com.smartlinkauto.e2e.Platform.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Access tokens end with their session, not 15 minutes later: after logout, refresh or a password change
 * the gateway refuses the old access token (user-service's deny list in Redis).
 */
class TokenRevocationE2EIT {

    private record Session(String email, String password, String accessToken, String refreshToken) {
    }

    private static Session newSession() {
        String email = Accounts.uniqueEmail("revoke");
        String password = "Correct-Horse-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(LoopbackClient.anywhere().postJson("/api/auth/register", Accounts.signUpBody(email, password))
                .status()).isEqualTo(201);
        return login(email, password);
    }

    private static Session login(String email, String password) {
        HttpResponse<String> response = send(Accounts.postJson("/api/auth/login",
                "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, password)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode tokens = Platform.json(response);
        return new Session(email, password, tokens.path("accessToken").asString(), tokens.path("refreshToken").asString());
    }

    private static HttpResponse<String> me(String accessToken) {
        return send(gateway("/api/users/me").header("Authorization", "Bearer " + accessToken));
    }

    private static void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Platform.json(response).path("type").asString()).endsWith("/unauthorized");
    }

    @Test
    void afterLogoutTheOldAccessTokenIsRefused() {
        Session session = newSession();
        assertThat(me(session.accessToken()).statusCode()).isEqualTo(200);
        HttpResponse<String> logout = send(Accounts.postJson("/api/auth/logout",
                "{\"refreshToken\":\"%s\"}".formatted(session.refreshToken())));
        assertThat(logout.statusCode()).isEqualTo(204);
        assertRefused(me(session.accessToken()));
    }

    @Test
    void aRefreshRetiresThePreviousAccessToken() {
        Session session = newSession();
        HttpResponse<String> refreshed = send(Accounts.postJson("/api/auth/refresh",
                "{\"refreshToken\":\"%s\"}".formatted(session.refreshToken())));
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        String next = Platform.json(refreshed).path("accessToken").asString();
        assertRefused(me(session.accessToken()));
        assertThat(me(next).statusCode()).isEqualTo(200);
    }

    @Test
    void aPasswordChangeEndsEverySessionsAccessToken() {
        Session one = newSession();
        Session two = login(one.email(), one.password());
        HttpResponse<String> changed = send(gateway("/api/users/me/password")
                .header("Authorization", "Bearer " + one.accessToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"currentPassword\":\"%s\",\"newPassword\":\"%s\"}"
                        .formatted(one.password(), "Another-Long-Secret-" + UUID.randomUUID().toString().substring(0, 6)))));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
        assertRefused(me(one.accessToken()));
        assertRefused(me(two.accessToken()));
    }
}
