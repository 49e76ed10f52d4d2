package com.smartlinkauto.user.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.smartlinkauto.user.Api;
import com.smartlinkauto.user.ApiTestSupport;
import com.smartlinkauto.user.UserServiceIT;
import com.smartlinkauto.user.token.AccessTokenRef;
import com.smartlinkauto.user.token.RefreshTokenService;

/**
 * user-service with its Redis unreachable (a closed port; a context of its own): sign-in, password change
 * and sign-up refuse with 503 + Retry-After before any password is hashed; logout still ends the session in
 * the database (its access token cannot be put on the deny list: counted).
 */
@UserServiceIT
class ThrottlesWithoutRedisIT extends ApiTestSupport {

    static final int CLOSED_PORT = closedPort();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RefreshTokenService refreshTokens;

    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @DynamicPropertySource
    static void unreachableRedis(DynamicPropertyRegistry registry) {
        // a URL wins over the host/port the test infrastructure sets
        registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + CLOSED_PORT);
    }

    /** Sum of the samples of a metric whose labels contain {@code label} (e.g. {@code outcome="x"}, or "" for all). */
    private double counter(String metrics, String name, String label) {
        return metrics.lines().filter(line -> line.startsWith(name + "{") && line.contains(label)).mapToDouble(
                line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void loginFailsClosedWithoutCheckingThePassword() {
        String before = api.get("/actuator/prometheus").body();
        Api.Response response = api.post("/api/auth/login",
                Map.of("email", Api.ADMIN_EMAIL, "password", Api.ADMIN_PASSWORD))
                .assertProblem(503, "service-unavailable");
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertThat(response.body()).doesNotContain("accessToken");
        String after = api.get("/actuator/prometheus").body();
        String logins = "smartlink_users_logins_total";
        assertThat(counter(after, logins, "") - counter(before, logins, "")).as("one attempt counted").isEqualTo(1);
        assertThat(counter(after, logins, "outcome=\"unavailable\"") - counter(before, logins, "outcome=\"unavailable\""))
                .as("as unavailable, not as a failure or success").isEqualTo(1);
        assertThat(counter(after, "smartlink_users_login_throttle_unavailable_total", "")).isPositive();
    }

    @Test
    void signUpFailsClosedAndCreatesNothing() {
        for (String path : new String[] { "/api/auth/register", "/api/partners" }) {
            String email = Api.uniqueEmail("no-redis");
            Api.Response response = api.post(path, Api.signUp(email)).assertProblem(503, "service-unavailable");
            assertThat(response.header("Retry-After")).isEqualTo("5");
            assertThat(jdbc.queryForObject("select count(*) from users where email = ?", Integer.class, email)).isZero();
        }
        assertThat(api.get("/actuator/prometheus").body()).contains("smartlink_users_signup_throttle_unavailable_total");
    }

    @Test
    void logoutStillEndsTheSessionAndCountsTheAccessTokenItCouldNotRevoke() {
        UUID admin = jdbc.queryForObject("select id from users where email = ?", UUID.class, Api.ADMIN_EMAIL);
        String refresh = refreshTokens.startFamily(admin,
                new AccessTokenRef(UUID.randomUUID().toString(), Instant.now().plus(Duration.ofMinutes(15))));
        assertThat(api.post("/api/auth/logout", Map.of("refreshToken", refresh)).status()).isEqualTo(204);
        api.post("/api/auth/refresh", Map.of("refreshToken", refresh)).assertProblem(401, "invalid-refresh-token");
        assertThat(api.get("/actuator/prometheus").body())
                .containsPattern("smartlink_users_access_token_revocations_total\\{[^}]*outcome=\"failed\"");
    }
}
