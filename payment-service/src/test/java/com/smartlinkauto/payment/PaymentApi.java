package com.smartlinkauto.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** payment-service over real HTTP, one request at a time: {@code api.post(path).token(t).json(body).send()}. */
public final class PaymentApi {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final String base;

    public PaymentApi(int port) {
        this(port, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    public PaymentApi(int port, HttpClient http) {
        this.base = "http://127.0.0.1:" + port;
        this.http = http;
    }

    public Call get(String path) {
        return new Call("GET", path);
    }

    public Call post(String path) {
        return new Call("POST", path);
    }

    public Call call(String method, String path) {
        return new Call(method, path);
    }

    /** One request being put together. */
    public final class Call {

        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body;

        private Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Call token(String token) {
            return token == null ? this : header("Authorization", "Bearer " + token);
        }

        public Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** A JSON body: a String as it is, anything else serialised. */
        public Call json(Object value) {
            body = (value instanceof String text ? text : JSON.writeValueAsString(value)).getBytes(StandardCharsets.UTF_8);
            headers.putIfAbsent("Content-Type", "application/json");
            return this;
        }

        /** A raw body with its content type, sent byte for byte (a webhook's signed payload). */
        public Call body(String content, String contentType) {
            body = content.getBytes(StandardCharsets.UTF_8);
            headers.put("Content-Type", contentType);
            return this;
        }

        /** An HTML form post. */
        public Call form(String name, String value) {
            return body(java.net.URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                    + java.net.URLEncoder.encode(value, StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
        }

        public Reply send() {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(request::header);
            try {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                return new Reply(response.statusCode(), response.headers().map(), response.body());
            }
            catch (Exception ex) {
                throw new IllegalStateException(method + " " + path + " failed", ex);
            }
        }
    }

    /** An answer, with the checks the tests make of it. */
    public record Reply(int status, Map<String, List<String>> headers, byte[] bytes) {

        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return JSON.readTree(bytes);
        }

        public String text(String field) {
            return json().path(field).asString(null);
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        public Reply expect(int expected) {
            assertThat(status).as(body()).isEqualTo(expected);
            return this;
        }

        /** problem+json with the stable type, the status and a correlation id. */
        public Reply problem(int expected, String typeSlug) {
            expect(expected);
            assertThat(header("Content-Type")).as(body()).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = json();
            assertThat(problem.path("type").asString()).as(body())
                    .isEqualTo("https://smartlinkauto.com/problems/" + typeSlug);
            assertThat(problem.path("status").asInt()).as(body()).isEqualTo(expected);
            assertThat(problem.path("title").asString()).as(body()).isNotBlank();
            assertThat(problem.path("correlationId").asString()).as(body()).isNotBlank();
            return this;
        }

        /** 400 validation or malformed-request naming {@code field}. */
        public Reply refuses(String field) {
            expect(400);
            assertThat(json().path("type").asString()).as(body()).matches(".*/problems/(validation|malformed-request)");
            assertThat(json().path("errors").findValuesAsString("field")).as(body()).contains(field);
            return this;
        }
    }
}
