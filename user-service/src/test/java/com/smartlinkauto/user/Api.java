package com.smartlinkauto.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the running service over real HTTP, as the gateway or a browser would call it. Each
 * instance poses as one client address (X-Forwarded-For, trusted for one proxy hop), so the login
 * throttle of one test never counts another test's failures.
 */
public final class Api {

    public static final String ADMIN_EMAIL = "it-admin@smartlink.test";
    public static final String ADMIN_PASSWORD = "Bootstrap-Secret-For-Tests-42";
    public static final String PASSWORD = "Correct-Horse-Battery-7";
    /** The service clients the ITs' user-service knows (SMARTLINK_SERVICE_CLIENTS). */
    public static final String VEHICLE_SERVICE_SECRET = "vehicle-service-it-secret-0001";
    public static final String NODE_SECRET = "storage-node-it-secret-0002";
    public static final String SERVICE_CLIENTS = "vehicle-service=" + VEHICLE_SERVICE_SECRET
            + ",storage-node-service=" + NODE_SECRET + ",malformed-entry,x=short";

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String clientAddress;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.clientAddress = randomAddress();
    }

    /** An address from 198.18.0.0/15 (benchmarking range): unique enough per test. */
    public static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198." + random.nextInt(18, 20) + "." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
    }

    public Api as(String address) {
        this.clientAddress = address;
        return this;
    }

    public record Response(int status, HttpHeaders headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String text(String field) {
            return json().path(field).asString(null);
        }

        /** The standard checks of every problem response. */
        public Response assertStatusOk() {
            assertThat(status).as(body).isEqualTo(200);
            return this;
        }

        public Response assertProblem(int expectedStatus, String typeSlug) {
            assertThat(status).as(body).isEqualTo(expectedStatus);
            assertThat(header("Content-Type")).as(body).startsWith("application/problem+json");
            JsonNode problem = json();
            assertThat(problem.path("type").asString()).as(body).isEqualTo("https://smartlinkauto.com/problems/" + typeSlug);
            assertThat(problem.path("status").asInt()).as(body).isEqualTo(expectedStatus);
            assertThat(problem.path("correlationId").asString()).as(body).isNotBlank();
            return this;
        }
    }

    public Response send(String method, String path, Object body, String token, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", clientAddress);
        String content = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        if (content != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        request.method(method, content == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(content));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        }
        catch (Exception ex) {
            throw new IllegalStateException(method + " " + path + " failed", ex);
        }
    }

    /** One part of a multipart/form-data body: a form field when {@code filename} is null. */
    public record Part(String name, String filename, String contentType, byte[] content) {

        public static Part field(String name, String value) {
            return new Part(name, null, null, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        public static Part file(String name, String filename, String contentType, byte[] content) {
            return new Part(name, filename, contentType, content);
        }
    }

    /** POST multipart/form-data. */
    public Response multipart(String path, String token, Part... parts) {
        String boundary = "----it" + UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (Part part : parts) {
            StringBuilder head = new StringBuilder("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                    + part.name() + "\"");
            if (part.filename() != null) {
                head.append("; filename=\"").append(part.filename()).append("\"");
            }
            head.append("\r\n");
            if (part.contentType() != null) {
                head.append("Content-Type: ").append(part.contentType()).append("\r\n");
            }
            head.append("\r\n");
            body.writeBytes(head.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            body.writeBytes(part.content());
            body.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("X-Forwarded-For", clientAddress)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        }
        catch (Exception ex) {
            throw new IllegalStateException("POST " + path + " failed", ex);
        }
    }

    /** GET with the body as bytes (downloads). */
    public HttpResponse<byte[]> getBytes(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", clientAddress).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (Exception ex) {
            throw new IllegalStateException("GET " + path + " failed", ex);
        }
    }

    public Response delete(String path, String token) {
        return send("DELETE", path, null, token, Map.of());
    }

    public Response get(String path, String token) {
        return send("GET", path, null, token, Map.of());
    }

    public Response get(String path) {
        return get(path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body, null, Map.of());
    }

    public Response post(String path, Object body, String token) {
        return send("POST", path, body, token, Map.of());
    }

    public Response patch(String path, Object body, String token) {
        return send("PATCH", path, body, token, Map.of());
    }

    // ------------------------------------------------------------------ flows

    public static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12) + "@example.test";
    }

    public static Map<String, Object> signUp(String email) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("password", PASSWORD);
        body.put("firstName", "Ada");
        body.put("lastName", "Lovelace");
        body.put("phoneNumber", "+14155550123");
        return body;
    }

    public record Account(String id, String email, String password) {
    }

    public record Tokens(String accessToken, String refreshToken) {
    }

    public Account registerRenter() {
        return register("/api/auth/register", uniqueEmail("renter"));
    }

    public Account registerPartner() {
        return register("/api/partners", uniqueEmail("partner"));
    }

    public Account register(String path, String email) {
        Response response = post(path, signUp(email));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return new Account(response.text("id"), email, PASSWORD);
    }

    public Tokens login(String email, String password) {
        Response response = post("/api/auth/login", Map.of("email", email, "password", password));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return new Tokens(response.text("accessToken"), response.text("refreshToken"));
    }

    public Tokens login(Account account) {
        return login(account.email(), account.password());
    }

    public String adminToken() {
        return login(ADMIN_EMAIL, ADMIN_PASSWORD).accessToken();
    }
}
