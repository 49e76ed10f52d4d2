package com.smartlinkauto.user.servicetoken;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.client.RestTemplate;

import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokenVerifier;
import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokens;
import com.smartlinkauto.user.Api;
import com.smartlinkauto.user.ApiTestSupport;
import com.smartlinkauto.user.UserServiceIT;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /oauth2/token}: service tokens by the client-credentials grant, what they carry, who gets one for
 * what, and where they are (not) accepted.
 */
@UserServiceIT
class ServiceTokenIT extends ApiTestSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    MeterRegistry meters;

    @Autowired
    ServiceTokens ownTokens;

    record Answer(int status, HttpResponse<String> response) {

        JsonNode json() {
            return Api.JSON.readTree(response.body());
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        /** A problem+json refusal carrying the RFC 6749 error code. */
        Answer assertRefused(int expectedStatus, String error) {
            assertThat(status).as(response.body()).isEqualTo(expectedStatus);
            assertThat(header("Content-Type")).startsWith("application/problem+json");
            assertThat(json().path("error").asString()).isEqualTo(error);
            assertThat(json().path("correlationId").asString()).isNotBlank();
            assertThat(header("Cache-Control")).contains("no-store");
            return this;
        }
    }

    private Answer token(String client, String secret, String form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (client != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (URLEncoder.encode(client, StandardCharsets.UTF_8) + ":"
                            + URLEncoder.encode(secret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response);
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private Answer vehicleServiceToken(String form) {
        return token("vehicle-service", Api.VEHICLE_SERVICE_SECRET, form);
    }

    private ServiceTokenVerifier verifierFor(String audience) {
        return ServiceTokenVerifier.withJwkSetUri("http://127.0.0.1:" + port + "/.well-known/jwks.json",
                new RestTemplate(), "smartlink-user-service", audience);
    }

    private double refusals(String error) {
        var counter = meters.find("smartlink.users.service.tokens").tag("outcome", error).counters();
        return counter.stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void aServiceGetsAShortLivedTokenForAnAudienceItMayCallSignedWithThePublishedKey() {
        Answer answer = vehicleServiceToken("grant_type=client_credentials&audience=storage-controller-service");

        assertThat(answer.status()).as(answer.response().body()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.header("Cache-Control")).contains("no-store");
        JsonNode body = answer.json();
        assertThat(body.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(600);
        assertThat(body.path("scope").asString()).isEqualTo("internal");
        Jwt jwt = verifierFor("storage-controller-service").decoder().decode(body.path("access_token").asString());
        assertThat(jwt.getSubject()).isEqualTo("vehicle-service");
        assertThat(jwt.getAudience()).containsExactly("storage-controller-service");
        assertThat(jwt.getClaimAsString("scope")).isEqualTo("internal");
        assertThat(jwt.getClaimAsString("client_id")).isEqualTo("vehicle-service");
        assertThat(jwt.getClaimAsString("iss")).isEqualTo("smartlink-user-service");
        assertThat(jwt.getId()).isNotBlank();
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofMinutes(10));
        assertThat(jwt.getHeaders()).containsKey("kid");

        // scope=internal may be named; the storage nodes may call each other and the controller
        assertThat(vehicleServiceToken("grant_type=client_credentials&audience=storage-controller-service&scope=internal")
                .status()).isEqualTo(200);
        Answer node = token("storage-node-service", Api.NODE_SECRET,
                "grant_type=client_credentials&audience=storage-node-service");
        assertThat(node.status()).isEqualTo(200);
        assertThat(verifierFor("storage-node-service").decoder().decode(node.json().path("access_token").asString())
                .getSubject()).isEqualTo("storage-node-service");
    }

    @Test
    void aWrongSecretAnUnknownClientOrNoCredentialsAre401InvalidClientAndCounted() {
        double before = refusals("invalid_client");
        String form = "grant_type=client_credentials&audience=storage-controller-service";
        for (Answer refused : List.of(token("vehicle-service", "not-the-secret-at-all", form),
                token("vehicle-service", Api.NODE_SECRET, form),
                token("booking-service", Api.VEHICLE_SERVICE_SECRET, form),
                token("x", "short", form),
                token(null, null, form))) {
            refused.assertRefused(401, "invalid_client");
            assertThat(refused.header("WWW-Authenticate")).startsWith("Basic");
            assertThat(refused.json().path("type").asString()).endsWith("/invalid-client");
            assertThat(refused.response().body()).doesNotContain("not-the-secret", Api.NODE_SECRET,
                    Api.VEHICLE_SERVICE_SECRET);
        }
        assertThat(refusals("invalid_client") - before).isEqualTo(5);
    }

    @Test
    void anAudienceTheClientMayNotCallIsRefused() {
        // vehicle-service may call the controller, not the nodes, not user-service, not a made-up service
        for (String audience : List.of("storage-node-service", "user-service", "payment-service", "../x", "")) {
            Answer refused = vehicleServiceToken("grant_type=client_credentials&audience="
                    + URLEncoder.encode(audience, StandardCharsets.UTF_8));
            refused.assertRefused(400, audience.isEmpty() ? "invalid_request" : "invalid_target");
        }
    }

    @Test
    void malformedRequestsGetTheRfcErrorCodes() {
        vehicleServiceToken("audience=storage-controller-service").assertRefused(400, "invalid_request");
        vehicleServiceToken("grant_type=password&audience=storage-controller-service")
                .assertRefused(400, "unsupported_grant_type");
        vehicleServiceToken("grant_type=client_credentials&audience=storage-controller-service&scope=admin")
                .assertRefused(400, "invalid_scope");
        vehicleServiceToken("grant_type=client_credentials&audience=storage-controller-service&scope=internal%20admin")
                .assertRefused(400, "invalid_scope");
        vehicleServiceToken("grant_type=client_credentials")
                .assertRefused(400, "invalid_request");
        vehicleServiceToken("grant_type=client_credentials&audience=storage-controller-service&audience=user-service")
                .assertRefused(400, "invalid_request");
        vehicleServiceToken("grant_type=client_credentials&audience=storage-controller-service&client_secret="
                + Api.VEHICLE_SERVICE_SECRET).assertRefused(400, "invalid_request");
    }

    @Test
    void aServiceTokenIsNoUserTokenAndAUserTokenIsNoServiceToken() {
        String service = vehicleServiceToken("grant_type=client_credentials&audience=storage-controller-service").json()
                .path("access_token").asString();
        // a service token on the user API: 401
        api.get("/api/users/me", service).assertProblem(401, "unauthorized");
        api.get("/api/admin/users", service).assertProblem(401, "unauthorized");

        // user-service's own internal paths take only service tokens for user-service: an admin's token is a 401
        String admin = api.adminToken();
        api.get("/internal/anything", admin).assertProblem(401, "unauthorized");
        api.get("/internal/anything", service).assertProblem(401, "unauthorized");
        api.get("/internal/anything").assertProblem(401, "unauthorized");
    }

    @Test
    void itsOwnCallsUseLocallyMintedTokensUnderTheSameGrants() {
        String token = ownTokens.token("storage-controller-service");
        assertThat(ownTokens.token("storage-controller-service")).as("kept until shortly before expiry").isEqualTo(token);
        Jwt jwt = verifierFor("storage-controller-service").decoder().decode(token);
        assertThat(jwt.getSubject()).isEqualTo("user-service");
        // its grants: the storage controller (documents), vehicle-service and booking-service (the admin overview)
        assertThat(List.of("storage-node-service", "payment-service", "vehicle-service", "booking-service").stream()
                .map(audience -> {
                    try {
                        ownTokens.token(audience);
                        return audience + " granted";
                    }
                    catch (RuntimeException ex) {
                        return audience + " refused";
                    }
                }).collect(Collectors.toList())).containsExactly("storage-node-service refused",
                        "payment-service refused", "vehicle-service granted", "booking-service granted");
    }
}
