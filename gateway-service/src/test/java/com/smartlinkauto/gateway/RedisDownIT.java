package com.smartlinkauto.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.nimbusds.jose.jwk.JWKSet;
import com.smartlinkauto.testsupport.IntegrationTest;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway with its Redis unreachable (a closed port): the routes whose abuse costs BCrypt work or
 * guesses passwords (sign-in, sign-up, refresh) are refused with 503 and never reach the service; every
 * other route stays open (rate limiter and token deny list fail open).
 */
@IntegrationTest
@TestPropertySource(properties = {
        "spring.config.import=file:../config-repo/application.yml,file:../config-repo/gateway-service.yml" })
class RedisDownIT {

    static HttpServer userService;
    static final AtomicInteger received = new AtomicInteger();
    static int closedPort;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @Value("${local.server.port}")
    int port;

    /** The gateway's actuator lives on its management port (random in tests), never the public one. */
    @Value("${local.management.port}")
    int managementPort;

    @BeforeAll
    static void start() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // nothing listens there once closed
        }
        userService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        userService.createContext("/.well-known/jwks.json", exchange -> {
            byte[] body = new JWKSet(Tokens.SIGNING_KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        userService.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        userService.start();
    }

    @AfterAll
    static void stop() {
        userService.stop(0);
    }

    @DynamicPropertySource
    static void standIns(DynamicPropertyRegistry registry) {
        // a URL wins over the host/port the test infrastructure sets
        registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + closedPort);
        registry.add("spring.cloud.discovery.client.simple.instances.user-service[0].uri",
                () -> "http://127.0.0.1:" + userService.getAddress().getPort());
    }

    private HttpResponse<String> post(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void signInSignUpAndRefreshFailClosedWithA503ProblemAndNothingReachesTheService() throws Exception {
        for (String path : List.of("/api/auth/login", "/api/auth/register", "/api/auth/refresh", "/api/partners")) {
            int before = received.get();
            long started = System.nanoTime();
            HttpResponse<String> response = post(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(response.headers().map().keySet()).as("no limiter headers of a bucket that was never asked")
                    .noneMatch(name -> name.toLowerCase().startsWith("x-ratelimit")
                            || name.toLowerCase().startsWith("x-smartlink"));
            JsonNode problem = json.readTree(response.body());
            assertThat(problem.get("type").asString()).endsWith("/service-unavailable");
            assertThat(problem.get("status").asInt()).isEqualTo(503);
            assertThat(problem.get("correlationId").asString()).isNotBlank();
            assertThat(received.get()).as("requests that reached user-service for %s", path).isEqualTo(before);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void everyOtherRouteFailsOpenAndTokensAreAcceptedUnchecked() throws Exception {
        int before = received.get();
        // a session can always be ended
        HttpResponse<String> logout = post("/api/auth/logout", null);
        assertThat(logout.statusCode()).as(logout.body()).isEqualTo(200);
        assertThat(received.get() - before).isEqualTo(1);
        before = received.get();
        HttpResponse<String> write = post("/api/users/me/notifications/n-1/read", Tokens.renter());
        assertThat(write.statusCode()).as(write.body()).isEqualTo(200);
        HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/users/me"))
                .header("Authorization", "Bearer " + Tokens.renter()).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(received.get() - before).isEqualTo(2);

        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("smartlink_gateway_rate_limiter_unavailable_total{")
                .contains("smartlink_gateway_token_revocation_unchecked_total{");
    }
}
