package com.smartlinkauto.servicedefaults.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests a client can send that never reach a controller's own checks — an unparseable multipart body,
 * a query string Tomcat cannot decode, a URL Tomcat or Spring Security's firewall refuses, a value that
 * overflows while it is converted — each get a 4xx problem+json with a correlation id, over a real Tomcat
 * (raw sockets: an HTTP client would refuse to send most of these).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.application.name=probe", "spring.servlet.multipart.max-file-size=1KB",
        "spring.servlet.multipart.max-request-size=2KB", "eureka.client.enabled=false" })
class MalformedRequestProblemsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @SpringBootApplication
    @Import(Probe.class)
    static class ProbeApplication {

        @Bean
        SecurityFilterChain chain(HttpSecurity http) {
            return http.csrf(c -> c.disable()).authorizeHttpRequests(a -> a.anyRequest().permitAll()).build();
        }
    }

    @RestController
    static class Probe {

        @PostMapping("/upload")
        String upload(@RequestPart("file") MultipartFile file) {
            return "ok " + file.getSize();
        }

        @GetMapping("/things/{id}")
        String thing(@PathVariable UUID id) {
            return id.toString();
        }

        @GetMapping("/number")
        String number(@RequestParam BigDecimal n) {
            return InputChecks.decimal("n", n, 10, 4).toPlainString();
        }

        @GetMapping("/when")
        String when(@RequestParam @SaneInstant Instant at) {
            return at.toString();
        }

        @GetMapping("/text")
        String text(@RequestParam @CleanText(max = 5, lowerCased = true) String q) {
            return q.toLowerCase(Locale.ROOT);
        }

        @GetMapping("/etag")
        String etag(@org.springframework.web.bind.annotation.RequestHeader(name = "If-None-Match", required = false)
                String ifNoneMatch) {
            return String.valueOf(ifNoneMatch);
        }

        @GetMapping("/overflow")
        long overflow(@RequestParam long a) {
            return Math.multiplyExact(a, 1_000_000_000_000L);
        }
    }

    @LocalServerPort
    int port;

    record Raw(int status, String headers, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        Raw assertProblem(int expected, String slug) {
            assertThat(status).as(headers + body).isEqualTo(expected);
            assertThat(headers.toLowerCase(Locale.ROOT)).as(headers).contains("content-type: application/problem+json");
            assertThat(headers.toLowerCase(Locale.ROOT)).as(headers).contains("x-request-id: ");
            JsonNode problem = json();
            assertThat(problem.path("type").asString()).isEqualTo("https://smartlinkauto.com/problems/" + slug);
            assertThat(problem.path("status").asInt()).isEqualTo(expected);
            assertThat(problem.path("correlationId").asString()).isNotBlank();
            return this;
        }
    }

    Raw raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            String headers = response.substring(0, split);
            String body = response.substring(split + 4);
            if (headers.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            return new Raw(Integer.parseInt(headers.substring(9, 12)), headers, body);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int eol = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, eol).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
    }

    private static String get(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: probe\r\nConnection: close\r\n\r\n";
    }

    private static String post(String target, String contentType, String body) {
        return "POST " + target + " HTTP/1.1\r\nHost: probe\r\nConnection: close\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + body.getBytes(StandardCharsets.ISO_8859_1).length + "\r\n\r\n" + body;
    }

    @Test
    void multipartWithoutABoundaryIs400() throws Exception {
        raw(post("/upload", "multipart/form-data", "hello")).assertProblem(400, "malformed-request");
    }

    @Test
    void multipartWithoutTheBoundaryInTheBodyIs400() throws Exception {
        raw(post("/upload", "multipart/form-data; boundary=abc", "hello")).assertProblem(400, "malformed-request");
    }

    @Test
    void aNonMultipartBodyForAnUploadIs400() throws Exception {
        raw(post("/upload", "application/json", "{}")).assertProblem(400, "malformed-request");
    }

    @Test
    void anOversizedUploadIs413() throws Exception {
        String body = "--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\n" + "x".repeat(5000)
                + "\r\n--abc--\r\n";
        raw(post("/upload", "multipart/form-data; boundary=abc", body)).assertProblem(413, "payload-too-large");
    }

    @Test
    void aMalformedUuidIsAProblemNamingTheParameterWithoutEchoingTheValue() throws Exception {
        Raw response = raw(get("/things/not-a-uuid-xyzzy")).assertProblem(400, "malformed-request");
        assertThat(response.json().path("errors").findValuesAsString("field")).containsExactly("id");
        assertThat(response.json().path("errors").toString() + response.json().path("detail").asString()).doesNotContain("xyzzy");
    }

    @Test
    void aNumberBeyondEveryBoundIs400AndNeverWrittenOut() throws Exception {
        raw(get("/number?n=1e999999999")).assertProblem(400, "validation");
        raw(get("/number?n=1e-999999999")).assertProblem(400, "validation");
        raw(get("/number?n=1e200000")).assertProblem(400, "validation");
        // an exponent beyond int: the conversion itself fails
        raw(get("/number?n=1e9999999999")).assertProblem(400, "malformed-request");
        assertThat(raw(get("/number?n=12.50")).body()).isEqualTo("12.50");
    }

    @Test
    void arithmeticOverflowFromClientInputIs400() throws Exception {
        raw(get("/overflow?a=" + Long.MAX_VALUE / 1000)).assertProblem(400, "malformed-request");
    }

    @Test
    void anInstantOutsideTheWindowIs400() throws Exception {
        raw(get("/when?at=%2B300000-01-01T00:00:00Z")).assertProblem(400, "validation");
        raw(get("/when?at=1969-12-31T23:59:59Z")).assertProblem(400, "validation");
        raw(get("/when?at=2200-01-01T00:00:00Z")).assertProblem(400, "validation");
        assertThat(raw(get("/when?at=2199-12-31T23:59:59Z")).status()).isEqualTo(200);
    }

    @Test
    void textIsCheckedForControlCharactersAndItsLowerCasedLength() throws Exception {
        raw(get("/text?q=a%00b")).assertProblem(400, "validation");
        raw(get("/text?q=a%E2%80%AEb")).assertProblem(400, "validation");
        // "İİİ" is three characters, six once lower-cased
        raw(get("/text?q=%C4%B0%C4%B0%C4%B0")).assertProblem(400, "validation");
        assertThat(raw(get("/text?q=%C4%B0%C4%B0")).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "/number?n=%zz", "/number?n=%C3%28", "/number?n=%ED%A0%80", "/text?q=%C3%28",
            "/text?q=%ED%A0%80", "/text?q=%FF" })
    void aQueryStringThatIsNotValidUtf8Is400(String target) throws Exception {
        raw(get(target)).assertProblem(400, "malformed-request");
    }

    @Test
    void aHeaderValueTheSecurityFirewallRefusesWhenItIsReadIs400() throws Exception {
        byte[] emoji = "If-None-Match: \"\uD83D\uDE97\"".getBytes(StandardCharsets.UTF_8);
        String header = new String(emoji, StandardCharsets.ISO_8859_1);
        raw("GET /etag HTTP/1.1\r\nHost: probe\r\n" + header + "\r\nConnection: close\r\n\r\n")
                .assertProblem(400, "malformed-request");
        assertThat(raw("GET /etag HTTP/1.1\r\nHost: probe\r\nIf-None-Match: \"abc\"\r\nConnection: close\r\n\r\n")
                .body()).isEqualTo("\"abc\"");
    }

    @Test
    void brokenMultipartBodiesAre400() throws Exception {
        raw(post("/upload", "multipart/form-data; boundary=", "--\r\n")).assertProblem(400, "malformed-request");
        String truncated = "--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\nhalf a fi";
        raw(post("/upload", "multipart/form-data; boundary=abc", truncated)).assertProblem(400, "malformed-request");
        String nulName = "--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\u0000.png\"\r\n\r\n"
                + "data\r\n--abc--\r\n";
        Raw named = raw(post("/upload", "multipart/form-data; boundary=abc", nulName));
        assertThat(named.status()).as(named.body()).isIn(200, 400);
        if (named.status() == 400) {
            named.assertProblem(400, "malformed-request");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "/things/a b", "/things/a|b", "/number?n={1}", "/things/a%2Fb", "/things/a%00b",
            "/things/a%5Cb", "/things/%zz", "/things/%C3%28", "/things/%ED%A0%80", "/things/%", "/things/%u002e" })
    void urlsTomcatRefusesAreProblems(String target) throws Exception {
        raw(get(target)).assertProblem(400, "malformed-request");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "/things/..;/x", "//things/x", "/things/%2e%2e/x", "/things/;x=1/y" })
    void pathsTheSecurityFirewallRefusesAreProblems(String target) throws Exception {
        raw(get(target)).assertProblem(400, "malformed-request");
    }

    @Test
    void malformedHeadersAreProblemsThatKeepASafeCorrelationId() throws Exception {
        Raw response = raw("GET /things/x HTTP/1.1\r\nHost: probe\r\nX-Request-Id: trace-123\r\nX-Bad: a\u0001b\r\n"
                + "Connection: close\r\n\r\n").assertProblem(400, "malformed-request");
        assertThat(response.json().path("correlationId").asString()).isEqualTo("trace-123");
        raw("GET /things/x HTTP/1.1\r\nHost: probe\r\nX-Big: " + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n")
                .assertProblem(400, "malformed-request");
    }

    @Test
    void anUnknownPathIsStillA404Problem() throws Exception {
        raw(get("/nothing-here")).assertProblem(404, "not-found");
    }
}
