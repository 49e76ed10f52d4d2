package com.smartlinkauto.user.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.smartlinkauto.user.Api;
import com.smartlinkauto.user.ApiTestSupport;
import com.smartlinkauto.user.UserServiceIT;

import tools.jackson.databind.JsonNode;

/** {@code POST /api/auth/login}: tokens, identical failures, and the failure throttle. */
@UserServiceIT
class LoginIT extends ApiTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    static JsonNode part(String jwt, int index) {
        return Api.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]));
    }

    @Test
    void loginIssuesAnRs256AccessTokenAndAnOpaqueRefreshToken() throws Exception {
        Api.Account renter = api.registerRenter();
        Api.Response response = api.post("/api/auth/login",
                Map.of("email", "  " + renter.email().toUpperCase(), "password", renter.password()));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(body.path("expiresIn").asLong()).isEqualTo(900);

        String access = body.path("accessToken").asString();
        JsonNode header = part(access, 0);
        JsonNode claims = part(access, 1);
        assertThat(header.path("alg").asString()).isEqualTo("RS256");
        assertThat(header.path("kid").asString()).isNotBlank();
        assertThat(api.get("/.well-known/jwks.json").body()).contains(header.path("kid").asString());
        assertThat(claims.path("sub").asString()).isEqualTo(renter.id());
        assertThat(claims.path("email").asString()).isEqualTo(renter.email());
        assertThat(claims.path("roles").toString()).isEqualTo("[\"RENTER\"]");
        assertThat(claims.path("iss").asString()).isEqualTo("smartlink-user-service");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(900);
        assertThat(claims.path("jti").asString()).isNotBlank();

        String refresh = body.path("refreshToken").asString();
        assertThat(refresh).doesNotContain(".").hasSizeGreaterThanOrEqualTo(43);
        String hash = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(refresh.getBytes(StandardCharsets.UTF_8)));
        assertThat(jdbc.queryForObject("select count(*) from refresh_tokens where token_hash = ?", Integer.class,
                refresh)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from refresh_tokens where token_hash = ?", Integer.class,
                hash)).isOne();
        assertThat(jdbc.queryForObject("select expires_at - issued_at from refresh_tokens where token_hash = ?",
                String.class, hash)).isEqualTo("7 days");
        assertThat(response.body()).doesNotContain("$2a$").doesNotContain(renter.password());
    }

    @Test
    void unknownEmailAndWrongPasswordGetTheSame401() {
        Api.Account renter = api.registerRenter();
        Api.Response wrongPassword = api.post("/api/auth/login",
                Map.of("email", renter.email(), "password", "Not-The-Password-123"))
                .assertProblem(401, "invalid-credentials");
        Api.Response unknownEmail = api.post("/api/auth/login",
                Map.of("email", Api.uniqueEmail("nobody"), "password", renter.password()))
                .assertProblem(401, "invalid-credentials");
        assertThat(withoutCorrelation(wrongPassword.json())).isEqualTo(withoutCorrelation(unknownEmail.json()));
        assertThat(wrongPassword.header("WWW-Authenticate")).isEqualTo(unknownEmail.header("WWW-Authenticate"));
    }

    private static JsonNode withoutCorrelation(JsonNode problem) {
        var copy = problem.deepCopy();
        ((tools.jackson.databind.node.ObjectNode) copy).remove("correlationId");
        return copy;
    }

    @Test
    void repeatedFailuresForOneAccountAre429WithRetryAfter() {
        Api.Account renter = api.registerRenter();
        for (int i = 0; i < 5; i++) {
            // each guess from another address: only the account's budget runs out
            api.as(Api.randomAddress()).post("/api/auth/login",
                    Map.of("email", renter.email(), "password", "Wrong-Guess-Number-" + i))
                    .assertProblem(401, "invalid-credentials");
        }
        Api.Response locked = api.as(Api.randomAddress()).post("/api/auth/login",
                Map.of("email", renter.email(), "password", renter.password())).assertProblem(429, "rate-limited");
        long retryAfter = Long.parseLong(locked.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 15 * 60L);
        assertThat(locked.body()).doesNotContain(renter.password());
    }

    @Test
    void repeatedFailuresFromOneAddressAre429() {
        api.as(Api.randomAddress());
        for (int i = 0; i < 20; i++) {
            api.post("/api/auth/login", Map.of("email", Api.uniqueEmail("spray"), "password", "Spray-Attempt-1234"))
                    .assertProblem(401, "invalid-credentials");
        }
        Api.Account victim = new Api(port).registerRenter();
        Api.Response blocked = api.post("/api/auth/login",
                Map.of("email", victim.email(), "password", victim.password())).assertProblem(429, "rate-limited");
        assertThat(Long.parseLong(blocked.header("Retry-After"))).isPositive();
        // the same account from another address is fine
        assertThat(new Api(port).login(victim).accessToken()).isNotBlank();
    }

    @Test
    void aSuccessfulLoginRestoresTheAccountsBudget() {
        Api.Account renter = api.registerRenter();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 4; i++) {
                api.as(Api.randomAddress()).post("/api/auth/login",
                        Map.of("email", renter.email(), "password", "Wrong-Guess-Number-" + i))
                        .assertProblem(401, "invalid-credentials");
            }
            assertThat(api.login(renter).accessToken()).isNotBlank();
        }
    }

    @Test
    void badLoginBodiesAre400() {
        api.post("/api/auth/login", "{\"email\":\"x@example.test\"").assertProblem(400, "malformed-request");
        api.post("/api/auth/login", Map.of("email", "x@example.test")).assertProblem(400, "validation");
        api.post("/api/auth/login", Map.of("email", "x@example.test", "password", "Some-Password-1", "remember", true))
                .assertProblem(400, "validation");
        Api.Response tooLong = api.post("/api/auth/login",
                Map.of("email", "x".repeat(300) + "@example.test", "password", "Some-Password-1"))
                .assertProblem(400, "validation");
        assertThat(tooLong.body()).doesNotContain("Some-Password-1");
    }
}
