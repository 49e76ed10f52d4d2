package com.smartlinkauto.vehicle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client of the running vehicle-service over real HTTP, as the gateway would call it. */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Response(int status, HttpHeaders headers, byte[] bytes) {

        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return JSON.readTree(bytes);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String text(String field) {
            return json().path(field).asString(null);
        }

        public Response assertStatus(int expected) {
            assertThat(status).as(body()).isEqualTo(expected);
            return this;
        }

        /** The standard checks of every problem response. */
        public Response assertProblem(int expectedStatus, String typeSlug) {
            assertThat(status).as(body()).isEqualTo(expectedStatus);
            assertThat(header("Content-Type")).as(body()).startsWith("application/problem+json");
            JsonNode problem = json();
            assertThat(problem.path("type").asString()).as(body())
                    .isEqualTo("https://smartlinkauto.com/problems/" + typeSlug);
            assertThat(problem.path("status").asInt()).as(body()).isEqualTo(expectedStatus);
            assertThat(problem.path("correlationId").asString()).as(body()).isNotBlank();
            return this;
        }

        /** A 400 malformed-request problem naming {@code field}: a value that cannot be read as its type. */
        public Response assertUnreadable(String field) {
            assertProblem(400, "malformed-request");
            assertThat(json().path("errors").findValuesAsString("field")).as(body()).contains(field);
            return this;
        }

        /** A 400 validation problem naming {@code field}. */
        public Response assertInvalid(String field) {
            assertProblem(400, "validation");
            assertThat(json().path("errors").findValuesAsString("field")).as(body()).contains(field);
            return this;
        }
    }

    public Response send(String method, String path, Object body, String token, Map<String, String> headers) {
        String content = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (content != null) {
            request.header("Content-Type", "application/json");
        }
        return exchange(request, method, content == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(content), token, headers, path);
    }

    /** A multipart/form-data upload of one file part plus text fields. */
    public Response upload(String path, String part, String filename, String contentType, byte[] bytes,
            Map<String, String> fields, String token) {
        String boundary = "----it" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((name, value) -> out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                + filename + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary);
        return exchange(request, "POST", HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()), token, Map.of(),
                path);
    }

    /** Any body with any Content-Type, sent as is (malformed multipart and the like). */
    public Response sendBytes(String method, String path, String contentType, byte[] body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType);
        return exchange(request, method, HttpRequest.BodyPublishers.ofByteArray(body), token, Map.of(), path);
    }

    private Response exchange(HttpRequest.Builder request, String method, HttpRequest.BodyPublisher body,
            String token, Map<String, String> headers, String path) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        request.method(method, body);
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers(), response.body());
        }
        catch (Exception ex) {
            throw new IllegalStateException(method + " " + path + " failed", ex);
        }
    }

    public Response get(String path, String token) {
        return send("GET", path, null, token, Map.of());
    }

    public Response get(String path) {
        return get(path, null);
    }

    public Response post(String path, Object body, String token) {
        return send("POST", path, body, token, Map.of());
    }

    public Response patch(String path, Object body, String token) {
        return send("PATCH", path, body, token, Map.of());
    }

    public Response delete(String path, String token) {
        return send("DELETE", path, null, token, Map.of());
    }
}
