package com.smartlinkauto.servicedefaults.servicetoken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The client side against a JDK HttpServer posing as user-service's token endpoint. */
class OAuth2ServiceTokensTest {

    private HttpServer server;
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicReference<String> refuseWith = new AtomicReference<>();
    private volatile long expiresIn = 600;
    private final MutableClock clock = new MutableClock();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/oauth2/token", this::token);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String basic = new String(Base64.getDecoder().decode(
                    exchange.getRequestHeaders().getFirst("Authorization").substring("Basic ".length())),
                    StandardCharsets.UTF_8);
            requests.add(Map.of("basic", basic, "body", URLDecoder.decode(body, StandardCharsets.UTF_8),
                    "type", exchange.getRequestHeaders().getFirst("Content-Type")));
            String refusal = refuseWith.get();
            String answer;
            int status;
            if (refusal != null) {
                status = "invalid_client".equals(refusal) ? 401 : 400;
                answer = "{\"type\":\"https://smartlinkauto.com/problems/x\",\"status\":" + status
                        + ",\"detail\":\"no\",\"error\":\"" + refusal + "\"}";
                exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
            }
            else {
                status = 200;
                answer = "{\"access_token\":\"t" + issued.incrementAndGet() + "\",\"token_type\":\"Bearer\","
                        + "\"expires_in\":" + expiresIn + ",\"scope\":\"internal\"}";
                exchange.getResponseHeaders().set("Content-Type", "application/json");
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private OAuth2ServiceTokens tokens(String secret) {
        JdkClientHttpRequestFactory http = new JdkClientHttpRequestFactory(
                java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build());
        http.setReadTimeout(Duration.ofSeconds(5));
        return new OAuth2ServiceTokens("vehicle-service", secret,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/token"),
                RestClient.builder().requestFactory(http), Duration.ofSeconds(60), clock);
    }

    @Test
    void asksForAClientCredentialsTokenForTheAudienceWithHttpBasicAndKeepsIt() {
        OAuth2ServiceTokens tokens = tokens("s3cret");

        assertThat(tokens.token("storage-controller-service")).isEqualTo("t1");
        assertThat(tokens.token("storage-controller-service")).as("cached").isEqualTo("t1");
        assertThat(tokens.token("booking-service")).as("one per audience").isEqualTo("t2");

        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).get("basic")).isEqualTo("vehicle-service:s3cret");
        assertThat(requests.get(0).get("type")).startsWith("application/x-www-form-urlencoded");
        assertThat(requests.get(0).get("body")).contains("grant_type=client_credentials", "scope=internal",
                "audience=storage-controller-service");
        assertThat(requests.get(1).get("body")).contains("audience=booking-service");
    }

    @Test
    void aTokenIsReplacedShortlyBeforeItExpiresAndAfterAnInvalidation() {
        OAuth2ServiceTokens tokens = tokens("s3cret");
        assertThat(tokens.token("storage-node-service")).isEqualTo("t1");
        clock.advance(Duration.ofSeconds(530));
        assertThat(tokens.token("storage-node-service")).as("70 s left").isEqualTo("t1");
        clock.advance(Duration.ofSeconds(20));
        assertThat(tokens.token("storage-node-service")).as("50 s left: within refresh-before").isEqualTo("t2");
        tokens.invalidate("storage-node-service");
        assertThat(tokens.token("storage-node-service")).isEqualTo("t3");
    }

    @Test
    void concurrentCallersOfOneAudienceShareOneRequest() throws Exception {
        OAuth2ServiceTokens tokens = tokens("s3cret");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> tokens.token("storage-node-service")));
            }
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo("t1");
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(issued).hasValue(1);
    }

    @Test
    void aRefusalOrAnUnreachableEndpointIsAServiceTokenExceptionAndNothingIsCached() {
        OAuth2ServiceTokens tokens = tokens("wrong");
        refuseWith.set("invalid_client");
        assertThatThrownBy(() -> tokens.token("storage-node-service")).isInstanceOf(ServiceTokenException.class)
                .hasMessageContaining("invalid_client").hasMessageNotContaining("wrong");
        refuseWith.set("invalid_target");
        assertThatThrownBy(() -> tokens.token("storage-node-service")).isInstanceOf(ServiceTokenException.class)
                .hasMessageContaining("invalid_target");
        refuseWith.set(null);
        assertThat(tokens.token("storage-node-service")).isEqualTo("t1");

        server.stop(0);
        OAuth2ServiceTokens unreachable = tokens("s3cret");
        assertThatThrownBy(() -> unreachable.token("storage-node-service")).isInstanceOf(ServiceTokenException.class);
    }

    @Test
    void withoutASecretNothingIsAskedAndAudiencesMustBeServiceIds() {
        assertThatThrownBy(() -> tokens(null).token("storage-node-service")).isInstanceOf(ServiceTokenException.class)
                .hasMessageContaining("SMARTLINK_SERVICE_SECRET");
        assertThatThrownBy(() -> tokens("s3cret").token("../x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(requests).isEmpty();
    }

    @Test
    void theRestClientInterceptorSendsTheTokenAndDropsItAfterA401() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        List<String> seen = new CopyOnWriteArrayList<>();
        server.createContext("/internal/x", exchange -> {
            try (exchange) {
                seen.add(exchange.getRequestHeaders().getFirst("Authorization"));
                exchange.sendResponseHeaders(calls.incrementAndGet() == 1 ? 401 : 204, -1);
            }
        });
        OAuth2ServiceTokens tokens = tokens("s3cret");
        RestClient client = RestClient.builder().requestInterceptor(tokens.interceptor("probe-service"))
                .defaultStatusHandler(status -> true, (request, response) -> {
                })
                .build();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/internal/x";
        client.get().uri(url).retrieve().toBodilessEntity();
        client.get().uri(url).retrieve().toBodilessEntity();
        assertThat(seen).containsExactly("Bearer t1", "Bearer t2");
    }

    static final class MutableClock extends Clock {

        private volatile Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
