package com.smartlinkauto.testsupport.security;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * A small in-JVM stand-in for user-service's token side, for ITs and the real storage-node processes the
 * controller's ITs start: {@code GET /.well-known/jwks.json} publishes {@link TestTokens}' key and
 * {@code POST /oauth2/token} issues {@link TestTokens#service(String, String)} tokens by the client-credentials
 * grant (HTTP Basic client authentication, {@code grant_type=client_credentials}, {@code audience} required,
 * {@code scope} optional and only {@code internal}), in user-service's answer shapes. Every client id is
 * accepted with {@link #clientSecret()}, for any audience; the real rules are user-service's own ITs' business.
 * {@link com.smartlinkauto.testsupport.IntegrationInfrastructure} points services' ITs at {@link #shared()}.
 */
public final class TestTokenServer implements AutoCloseable {

    private static TestTokenServer shared;

    private final HttpServer server;
    private final ExecutorService executor;
    private final String secret;
    private final Map<String, AtomicInteger> issued = new ConcurrentHashMap<>();
    private final JsonMapper json = JsonMapper.builder().build();

    public TestTokenServer() {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.secret = HexFormat.of().formatHex(random);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        executor = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "test-token-server");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/.well-known/jwks.json", this::jwks);
        server.createContext("/oauth2/token", this::token);
        server.start();
    }

    /** One server for the whole test JVM. */
    public static synchronized TestTokenServer shared() {
        if (shared == null) {
            shared = new TestTokenServer();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "test-token-server-stop"));
        }
        return shared;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** For {@code smartlink.security.service.token-uri}. */
    public String tokenUri() {
        return baseUrl() + "/oauth2/token";
    }

    /** For {@code smartlink.security.jwk-set-uri}. */
    public String jwkSetUri() {
        return baseUrl() + "/.well-known/jwks.json";
    }

    /** The secret every client authenticates with (random per server). */
    public String clientSecret() {
        return secret;
    }

    /** Tokens issued so far to {@code client} for {@code audience}. */
    public int issued(String client, String audience) {
        AtomicInteger count = issued.get(client + " " + audience);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void jwks(HttpExchange exchange) throws IOException {
        try (exchange) {
            write(exchange, 200, "application/json", json.writeValueAsBytes(TestTokens.jwks()));
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!"POST".equals(exchange.getRequestMethod())) {
                error(exchange, 405, "invalid_request", "POST only");
                return;
            }
            String client = authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
            if (client == null) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"smartlink\"");
                error(exchange, 401, "invalid_client", "Client authentication failed.");
                return;
            }
            Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
            if (!"client_credentials".equals(form.get("grant_type"))) {
                error(exchange, 400, "unsupported_grant_type", "Only client_credentials.");
                return;
            }
            String audience = form.get("audience");
            if (audience == null || audience.isBlank()) {
                error(exchange, 400, "invalid_request", "audience is required.");
                return;
            }
            String scope = form.getOrDefault("scope", "internal");
            if (!List.of(scope.trim().split("\\s+")).equals(List.of("internal"))) {
                error(exchange, 400, "invalid_scope", "Only the scope internal.");
                return;
            }
            issued.computeIfAbsent(client + " " + audience, key -> new AtomicInteger()).incrementAndGet();
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("access_token", TestTokens.service(client, List.of(audience), "internal", Duration.ofMinutes(10)));
            answer.put("token_type", "Bearer");
            answer.put("expires_in", 600);
            answer.put("scope", "internal");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            write(exchange, 200, "application/json", json.writeValueAsBytes(answer));
        }
    }

    /** The client id when the Basic credentials carry this server's secret, else null. */
    private String authenticate(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String client = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
        String presented = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))
                ? client : null;
    }

    private void error(HttpExchange exchange, int status, String code, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://smartlinkauto.com/problems/" + (status == 401 ? "unauthorized" : "invalid-token-request"));
        problem.put("title", status == 401 ? "Unauthorized" : "Bad Request");
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("error", code);
        write(exchange, status, "application/problem+json", json.writeValueAsBytes(problem));
    }

    private static void write(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.putIfAbsent(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
