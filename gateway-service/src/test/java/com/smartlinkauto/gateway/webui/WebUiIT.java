package com.smartlinkauto.gateway.webui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.TestPropertySource;

import com.smartlinkauto.testsupport.IntegrationTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web UI at {@code /}, served by the gateway with the routes and filters of config-repo/ and real Redis behind
 * the rate limiter. The app is a fixture (src/test/resources/static/: an index.html and two "hashed" assets), which
 * shadows a real web-ui/dist build on the test classpath, so this runs the same with or without the app built.
 */
@IntegrationTest
@TestPropertySource(properties = "spring.config.import=file:../config-repo/application.yml,"
        + "file:../config-repo/gateway-service.yml")
class WebUiIT {

    static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,"
            + "image/webp,*/*;q=0.8";
    static final String SCRIPT = "/assets/index-Fx7a9c2e.js";
    static final String FIXTURE_MARKER = "gateway-web-ui-fixture";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @Value("${local.server.port}")
    int port;

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private JsonNode problem(HttpResponse<byte[]> response, int status) {
        assertThat(response.statusCode()).as(text(response)).isEqualTo(status);
        assertThat(header(response, "Content-Type")).isEqualTo("application/problem+json");
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("correlationId").asString()).isEqualTo(header(response, "X-Request-Id"));
        return body;
    }

    /** Every name in the response's Vary headers. */
    private static List<String> varies(HttpResponse<?> response) {
        return response.headers().allValues("Vary").stream()
                .flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .map(String::trim)
                .toList();
    }

    private static void assertHardened(HttpResponse<?> response) {
        assertThat(header(response, "Content-Security-Policy")).isEqualTo("default-src 'self'; script-src 'self'; "
                + "style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; frame-src blob:; "
                + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
        assertThat(header(response, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(header(response, "Referrer-Policy")).isEqualTo("same-origin");
        assertThat(header(response, "X-Frame-Options")).isEqualTo("DENY");
    }

    private static void assertIsTheApp(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(text(response)).contains(FIXTURE_MARKER);
        assertThat(header(response, "Content-Type")).isEqualTo("text/html;charset=UTF-8");
        assertThat(header(response, "Cache-Control")).isEqualTo("no-cache");
        assertThat(header(response, "ETag")).matches("\"[A-Za-z0-9_-]{22}\"");
        assertHardened(response);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "/", "/index.html", "/trips", "/trips/", "/partner", "/partner/vehicles/v-1/edit",
            "/admin/storage", "/vehicles/5f0c7a61-2b7e-4c43-9a51-2f1d0f7c0a11?from=2026-01-01", "/fr/recherche",
            "/admin/users/jane.doe@example.com", "/application.yml", "/META-INF/MANIFEST.MF" })
    void aBrowsersNavigationGetsTheAppWithNoCacheAndTheCsp(String path) throws Exception {
        HttpResponse<byte[]> response = send(request(path).header("Accept", BROWSER_ACCEPT));
        assertIsTheApp(response);
        // a public read: no rate limiter (no Redis round trip), no token needed
        assertThat(header(response, "X-RateLimit-Remaining")).isNull();
        if (!path.equals("/") && !path.equals("/index.html")) {
            assertThat(varies(response)).as("a deep link depends on Accept").contains("Accept");
        }
    }

    @Test
    void theRootIsTheAppForAnyClientButADeepLinkOnlyForABrowser() throws Exception {
        assertIsTheApp(send(request("/")));
        assertIsTheApp(send(request("/").header("Accept", "*/*")));
        for (String accept : List.of("*/*", "application/json", "text/css,*/*;q=0.1", "text/html;q=0", "text/html;q=abc", "nonsense")) {
            HttpResponse<byte[]> response = send(request("/trips").header("Accept", accept));
            assertThat(problem(response, 404).get("type").asString()).endsWith("/not-found");
            assertHardened(response);
        }
        problem(send(request("/trips")), 404);
    }

    @Test
    void hashedAssetsAreImmutableAndGzippedWhenAsked() throws Exception {
        byte[] original = new ClassPathResource("static" + SCRIPT).getContentAsByteArray();
        HttpResponse<byte[]> plain = send(request(SCRIPT));
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body()).isEqualTo(original);
        assertThat(header(plain, "Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(header(plain, "Content-Type")).isEqualTo("text/javascript;charset=UTF-8");
        assertThat(header(plain, "Content-Encoding")).isNull();
        assertThat(varies(plain)).contains("Accept-Encoding").doesNotContain("Accept");
        assertHardened(plain);

        HttpResponse<byte[]> gzipped = send(request(SCRIPT).header("Accept-Encoding", "gzip, deflate, br, zstd"));
        assertThat(header(gzipped, "Content-Encoding")).isEqualTo("gzip");
        assertThat(gzipped.body().length).isLessThan(original.length / 3);
        assertThat(header(gzipped, "Content-Length")).isEqualTo(Integer.toString(gzipped.body().length));
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(original);
        }
        assertThat(header(gzipped, "ETag")).isNotEqualTo(header(plain, "ETag"));
        assertThat(header(send(request(SCRIPT).header("Accept-Encoding", "gzip;q=0")), "Content-Encoding")).isNull();

        HttpResponse<byte[]> css = send(request("/assets/index-B3k9d1f0.css"));
        assertThat(header(css, "Content-Type")).isEqualTo("text/css;charset=UTF-8");
        assertThat(header(css, "Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        HttpResponse<byte[]> icon = send(request("/favicon.svg"));
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(header(icon, "Cache-Control")).as("not hashed: revalidated").isEqualTo("no-cache");
    }

    @Test
    void anUnknownAssetIsA404ProblemNeverThePage() throws Exception {
        for (String path : List.of("/assets/index-00000000.js", "/assets/", "/assets", "/assets/nested/x.css")) {
            HttpResponse<byte[]> response = send(request(path).header("Accept", BROWSER_ACCEPT));
            if (path.equals("/assets")) {
                assertIsTheApp(response); // a (strange) page of the app, not the folder
                continue;
            }
            assertThat(problem(response, 404).get("type").asString()).endsWith("/not-found");
            assertThat(text(response)).doesNotContain(FIXTURE_MARKER);
        }
        problem(send(request("/no-such-file.js").header("Accept", "*/*")), 404);
    }

    @Test
    void aMatchingETagIsA304() throws Exception {
        HttpResponse<byte[]> first = send(request("/partner").header("Accept", BROWSER_ACCEPT));
        String etag = header(first, "ETag");
        HttpResponse<byte[]> again = send(request("/partner").header("Accept", BROWSER_ACCEPT)
                .header("If-None-Match", etag));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(header(again, "ETag")).isEqualTo(etag);
        assertThat(header(again, "Cache-Control")).isEqualTo("no-cache");
        assertThat(send(request("/partner").header("Accept", BROWSER_ACCEPT).header("If-None-Match", "\"stale\""))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void headAndOptionsAreAnswered() throws Exception {
        HttpResponse<byte[]> get = send(request("/"));
        HttpResponse<byte[]> head = send(request("/").method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(header(head, "Content-Length")).isEqualTo(Integer.toString(get.body().length));
        HttpResponse<byte[]> options = send(request("/trips").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(options.statusCode()).isEqualTo(204);
        assertThat(header(options, "Allow")).isEqualTo("GET, HEAD, OPTIONS");
    }

    @Test
    void writesToTheAppAre405() throws Exception {
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            for (String path : List.of("/", "/trips", SCRIPT, "/index.html")) {
                HttpResponse<byte[]> response = send(request(path).header("Content-Type", "application/json")
                        .header("Accept", BROWSER_ACCEPT).method(method, HttpRequest.BodyPublishers.ofString("{}")));
                assertThat(problem(response, 405).get("type").asString()).endsWith("/method-not-allowed");
                assertThat(header(response, "Allow")).isEqualTo("GET, HEAD, OPTIONS");
                assertHardened(response);
            }
        }
    }

    /** A write to a path that is no file and no page for this client is the 404 a GET gets, never a 405. */
    @Test
    void writesToNothingOfTheAppAre404() throws Exception {
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            for (String path : List.of("/error", "/trips", "/assets/gone-1234.js", "/no/such/page")) {
                HttpResponse<byte[]> response = send(request(path).header("Content-Type", "application/json")
                        .header("Accept", path.equals("/trips") ? "application/json" : "*/*")
                        .method(method, HttpRequest.BodyPublishers.ofString("{}")));
                assertThat(problem(response, 404).get("type").asString()).as("%s %s", method, path)
                        .endsWith("/not-found");
                assertThat(header(response, "Allow")).isNull();
            }
        }
    }

    /** The platform's own prefixes are never the app, whatever the client accepts (case and escapes included). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "/api/nothing-here", "/api", "/API/nothing-here", "/%61pi/nothing", "/actuator/env",
            "/payments/nothing", "/v3/api-docs", "/v3/api-docs/x", "/internal/storage/files/f-1", "/oauth2/token",
            "/fallback" })
    void platformPathsStayProblems(String path) throws Exception {
        HttpResponse<byte[]> response = send(request(path).header("Accept", BROWSER_ACCEPT));
        assertThat(response.statusCode()).as(path).isIn(401, 403, 404);
        assertThat(header(response, "Content-Type")).isEqualTo("application/problem+json");
        assertThat(text(response)).doesNotContain(FIXTURE_MARKER);
        HttpResponse<byte[]> post = send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(post.statusCode()).as("POST %s", path).isNotEqualTo(405);
        assertThat(header(post, "Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void anUnknownApiPathIsStillA404Problem() throws Exception {
        HttpResponse<byte[]> response = send(request("/api/nothing-here").header("Accept", BROWSER_ACCEPT)
                .header("Authorization", "Bearer not-a-jwt"));
        assertThat(response.statusCode()).as("the API still checks tokens").isEqualTo(401);
        HttpResponse<byte[]> anonymous = send(request("/api/no-such-thing").header("Accept", "application/json"));
        assertThat(anonymous.statusCode()).isIn(401, 404);
        assertThat(header(anonymous, "Content-Type")).isEqualTo("application/problem+json");
    }

    /** A page read carries no token to check: a stray (even garbage) Authorization header is not even looked at. */
    @Test
    void theAppsReadsIgnoreBearerTokens() throws Exception {
        assertIsTheApp(send(request("/trips").header("Accept", BROWSER_ACCEPT)
                .header("Authorization", "Bearer not-a-jwt")));
        HttpResponse<byte[]> asset = send(request(SCRIPT).header("Authorization", "Bearer not-a-jwt"));
        assertThat(asset.statusCode()).isEqualTo(200);
    }

    /** Sends a request as is over a socket (ISO-8859-1: one char, one byte); HTTP clients normalise dot segments. */
    private String raw(String target, String accept) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: " + accept
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "/assets/../application.yml", "/assets/%2e%2e/application.yml",
            "/assets/%2E%2E/application.yml", "/assets/..%2fapplication.yml", "/assets/%2e%2e%2fapplication.yml",
            "/assets/..%5capplication.yml", "/assets/..\\application.yml", "/..;/application.yml",
            "/assets/..;/application.yml", "/assets//../application.yml", "/assets/%252e%252e/application.yml",
            "/assets/./index-Fx7a9c2e.js", "/%2e%2e/%2e%2e/etc/passwd", "/assets/%00.js" })
    void pathTraversalIsRefused(String target) throws Exception {
        for (String accept : List.of("*/*", BROWSER_ACCEPT)) {
            String response = raw(target, accept);
            String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
            assertThat(head).as(target).startsWith("http/1.1 400");
            assertThat(head).contains("content-type: application/problem+json");
            assertThat(response).contains("malformed-request").doesNotContain("spring:").doesNotContain(FIXTURE_MARKER);
        }
    }

    /** Only the build's own files are served: nothing else on the classpath, no hidden file of the build. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "/application.yml", "/META-INF/MANIFEST.MF", "/static/index.html",
            "/com/smartlinkauto/gateway/GatewayServiceApplication.class", "/.hidden-notes", "/assets/../.hidden-notes" })
    void nothingButTheBuildIsServed(String path) throws Exception {
        HttpResponse<byte[]> response = send(request(path).header("Accept", "*/*"));
        assertThat(response.statusCode()).as(path).isIn(400, 404);
        assertThat(header(response, "Content-Type")).isEqualTo("application/problem+json");
        assertThat(text(response)).doesNotContain("spring:").doesNotContain("hidden file");
    }
}
