package com.smartlinkauto.user.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.user.Api;
import com.smartlinkauto.user.ApiTestSupport;
import com.smartlinkauto.user.UserServiceIT;

import tools.jackson.databind.JsonNode;

/** service-defaults' request-body cap (1 MB for everything but multipart) in front of this service's JSON API. */
@UserServiceIT
class RequestBodyLimitIT extends ApiTestSupport {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A login body padded with spaces (valid JSON) to {@code size} bytes. */
    private static byte[] loginBody(int size) {
        String json = "{\"email\":\"" + Api.uniqueEmail("big") + "\",\"password\":\"Some-Password-123\"}";
        return (json + " ".repeat(Math.max(0, size - json.length()))).getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> login(HttpRequest.BodyPublisher body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/login"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", Api.randomAddress())
                .expectContinue(true).timeout(Duration.ofSeconds(30)).POST(body).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.BodyPublisher chunked(byte[] bytes) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
    }

    private void assertTooLarge(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = Api.JSON.readTree(response.body());
        assertThat(problem.path("type").asString()).isEqualTo("https://smartlinkauto.com/problems/payload-too-large");
        assertThat(problem.path("correlationId").asString()).isNotBlank();
    }

    @Test
    void aJsonBodyOverOneMegabyteIs413WithOrWithoutContentLength() throws Exception {
        assertTooLarge(login(HttpRequest.BodyPublishers.ofByteArray(loginBody(1024 * 1024 + 1))));
        assertTooLarge(login(chunked(loginBody(2 * 1024 * 1024))));
    }

    @Test
    void bodiesUnderTheLimitAreReadAsUsualEvenChunked() throws Exception {
        HttpResponse<String> response = login(chunked(loginBody(200 * 1024)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.body()).contains("invalid-credentials");
    }
}
