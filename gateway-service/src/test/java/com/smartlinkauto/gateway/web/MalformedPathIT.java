package com.smartlinkauto.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

import com.smartlinkauto.testsupport.IntegrationTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #10: path tricks that could mean something else to a service than to the gateway's rules got a
 * bare 400. They are still refused — by Spring Security's firewall, before any route — but now as the
 * platform's problem+json with the correlation id. Raw sockets: HTTP clients normalise such paths.
 */
@IntegrationTest
@TestPropertySource(properties = "spring.config.import=file:../config-repo/application.yml,"
        + "file:../config-repo/gateway-service.yml")
class MalformedPathIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Value("${local.server.port}")
    int port;

    record Raw(int status, String headers, JsonNode body) {
    }

    private Raw get(String target, String extraHeaders) throws Exception {
        return send("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaders + "Connection: close\r\n\r\n");
    }

    /** Sends the request as is (ISO-8859-1: one char, one byte). */
    private Raw send(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            String headers = response.substring(0, split);
            String body = response.substring(split + 4);
            return new Raw(Integer.parseInt(headers.substring(9, 12)), headers,
                    body.isEmpty() ? null : JSON.readTree(body));
        }
    }

    private static void assertProblem(Raw response, int status, String slug) {
        assertThat(response.status()).as(response.headers()).isEqualTo(status);
        assertThat(response.headers().toLowerCase(Locale.ROOT)).contains("content-type: application/problem+json");
        assertThat(response.body()).as(response.headers()).isNotNull();
        assertThat(response.body().path("type").asString()).isEqualTo("https://smartlinkauto.com/problems/" + slug);
        assertThat(response.body().path("status").asInt()).isEqualTo(status);
        assertThat(response.body().path("correlationId").asString()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "/api/users/..;/admin/users", "/api/%2e%2e/admin", "/api/%2E%2E/admin/users",
            "//api/users/me", "/api//users/me", "/api/users/./me", "/api/users/../admin/users", "/api/users%2Fme",
            "/api/users%2fme", "/api/users%5Cme", "/api/users%5cme", "/api/users/me%00", "/api/users/me;jsessionid=1",
            "/api/users/%252e%252e/admin", "/api/admin/users/..", "/api/vehicles/%2e" })
    void pathTricksAreProblemsWithACorrelationId(String path) throws Exception {
        assertProblem(get(path, ""), 400, "malformed-request");
    }

    @Test
    void theClientsCorrelationIdIsKeptOnTheRefusal() throws Exception {
        Raw response = get("/api/users/..;/admin/users", "X-Request-Id: trace-path-1\r\n");
        assertProblem(response, 400, "malformed-request");
        assertThat(response.body().path("correlationId").asString()).isEqualTo("trace-path-1");
        assertThat(response.headers()).containsIgnoringCase("x-request-id: trace-path-1");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "/api/users/%", "/api/users/%u002e", "/api/vehicles?size=%", "/api/users/a%zzb", "/%00" })
    void targetsThatAreNoUriAreProblemsToo(String path) throws Exception {
        assertProblem(get(path, "X-Request-Id: trace-uri-1\r\n"), 400, "malformed-request");
    }

    @Test
    void rawUtf8BytesInThePathAreAProblem() throws Exception {
        for (String raw : new String[] { "/api/vehicles/caf\u00e9", "/api/vehicles/\uD83D\uDE97", "/api/vehicles?city=K\u00f6ln" }) {
            String path = new String(raw.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            assertProblem(get(path, ""), 400, "malformed-request");
        }
    }

    @Test
    void anUnknownMethodIsAProblem() throws Exception {
        assertProblem(send("FUZZ /api/vehicles HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"), 400,
                "malformed-request");
    }

    @Test
    void aRequestLineOrHeadersTooLargeForTheServerAreProblems() throws Exception {
        Raw longLine = get("/api/vehicles/" + "a".repeat(10_000), "");
        assertProblem(longLine, 414, "uri-too-long");
        Raw bigHeaders = get("/api/vehicles", "X-Request-Id: trace-big\r\nX-Big: " + "b".repeat(20_000) + "\r\n");
        assertProblem(bigHeaders, 431, "header-fields-too-large");
    }

    @Test
    void aContentTypeThatIsNoMediaTypeIs415NotAnUnavailableService() throws Exception {
        String garbage = new String("\u00e7\u00e9/\uD83D\uDE97; charset=\"x".getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1);
        Raw response = send("POST /api/auth/register HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + garbage
                + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        assertProblem(response, 415, "unsupported-media-type");
    }

    @Test
    void wellFormedPathsStillReachTheRules() throws Exception {
        assertProblem(get("/api/users/me", ""), 401, "unauthorized");
        assertProblem(get("/api/admin/users", ""), 401, "unauthorized");
    }
}
