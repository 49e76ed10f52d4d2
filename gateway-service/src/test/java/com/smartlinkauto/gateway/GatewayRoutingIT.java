package com.smartlinkauto.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.cloud.context.scope.refresh.RefreshScopeRefreshedEvent;
import org.springframework.cloud.gateway.event.RefreshRoutesEvent;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.smartlinkauto.testsupport.IntegrationTest;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import reactor.core.publisher.Mono;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway with the routes, filters and limits shipped in config-repo/, real Redis behind the rate
 * limiter, and three stand-in services found through simple discovery: two echo services (as
 * user-service and vehicle-service: each answers with its name, the method, the path and the body
 * it received; vehicle-service also drops the connection on {@code /api/vehicles/drop}) and one
 * that drops every connection (as booking-service). payment-service has no instance.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "spring.config.import=file:../config-repo/application.yml,file:../config-repo/gateway-service.yml",
        "SMARTLINK_RATE_LIMIT_RATE=5",
        "SMARTLINK_RATE_LIMIT_BURST=10" })
class GatewayRoutingIT {

    static HttpServer echo;
    static HttpServer vehicles;
    static ServerSocket dropper;
    static final AtomicInteger dropped = new AtomicInteger();
    /** Requests vehicle-service's stand-in received on /api/vehicles/drop (and hung up on), by method. */
    static final Map<String, AtomicInteger> vehicleDrops = new ConcurrentHashMap<>();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @Value("${local.server.port}")
    int port;

    /** The actuator's own port (management.server.port; random in tests): never the public one. */
    @Value("${local.management.port}")
    int managementPort;

    @Autowired
    RouteLocator routes;

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    org.springframework.cloud.gateway.config.GatewayProperties gatewayProperties;

    @Autowired
    org.springframework.cloud.gateway.config.HttpClientProperties httpClient;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @BeforeAll
    static void startStandIns() throws IOException {
        echo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        echo.createContext("/.well-known/jwks.json", exchange -> {
            byte[] body = new JWKSet(Tokens.SIGNING_KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        echo.createContext("/api/users/slow", exchange -> {
            try {
                Thread.sleep(1_500); // longer than Resilience4j's 1 s default time limit
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        echo.createContext("/", exchange -> echoBack("user-service", exchange));
        echo.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        echo.start();

        vehicles = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        vehicles.createContext("/api/vehicles/drop", exchange -> {
            vehicleDrops.computeIfAbsent(exchange.getRequestMethod(), m -> new AtomicInteger()).incrementAndGet();
            // an exception in a handler makes the JDK server close the connection without an answer
            throw new IOException("stand-in hangs up");
        });
        vehicles.createContext("/", exchange -> echoBack("vehicle-service", exchange));
        vehicles.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        vehicles.start();

        dropper = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!dropper.isClosed()) {
                try (Socket socket = dropper.accept()) {
                    InputStream in = socket.getInputStream();
                    byte[] buffer = new byte[8192];
                    in.read(buffer); // read the request head, answer nothing, hang up
                    dropped.incrementAndGet();
                }
                catch (IOException ignored) {
                    // closed at the end of the test class
                }
            }
        }, "dropping-backend");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Answers with the service's name, the method, path, correlation id and the body's size and digest. */
    private static void echoBack(String service, HttpExchange exchange) throws IOException {
        byte[] received = exchange.getRequestBody().readAllBytes();
        String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
        boolean authorized = exchange.getRequestHeaders().containsKey("Authorization");
        String forwardedFor = String.join("|", exchange.getRequestHeaders().getOrDefault("X-Forwarded-For", List.of()));
        byte[] body = ("{\"service\":\"" + service + "\",\"method\":\"" + exchange.getRequestMethod()
                + "\",\"path\":\"" + exchange.getRequestURI().getPath() + "\",\"requestId\":\"" + requestId
                + "\",\"authorization\":" + authorized + ",\"bytes\":" + received.length + ",\"sha256\":\""
                + sha256(received) + "\",\"forwardedFor\":\"" + forwardedFor + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @AfterAll
    static void stopStandIns() throws IOException {
        echo.stop(0);
        vehicles.stop(0);
        dropper.close();
    }

    @DynamicPropertySource
    static void standIns(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.user-service[0].uri",
                () -> "http://127.0.0.1:" + echo.getAddress().getPort());
        registry.add("spring.cloud.discovery.client.simple.instances.vehicle-service[0].uri",
                () -> "http://127.0.0.1:" + vehicles.getAddress().getPort());
        registry.add("spring.cloud.discovery.client.simple.instances.booking-service[0].uri",
                () -> "http://127.0.0.1:" + dropper.getLocalPort());
    }

    /**
     * A GET that gets no answer within 20 s is asked once more: the JDK's HttpClient (JDK 25) now and then
     * leaves one exchange unanswered on a loaded machine (a CI run: an admin GET to user-service's stand-in
     * hung while nothing else ran); a second time-out still fails the test.
     */
    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        HttpRequest built = request.timeout(Duration.ofSeconds(20)).build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        }
        catch (java.net.http.HttpTimeoutException ex) {
            if (!built.method().equals("GET")) {
                throw ex;
            }
            System.err.println("GatewayRoutingIT: GET " + built.uri() + " got no answer within 20 s; asking once more");
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private JsonNode problem(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(response.statusCode());
        assertThat(body.get("type").asString()).startsWith("https://smartlinkauto.com/problems/");
        assertThat(body.get("correlationId").asString())
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        return body;
    }

    /**
     * The gateway drops a pooled connection to a service before the service's Tomcat would (60 s idle, its
     * keep-alive default, which no service changes): a request written onto a connection the service is
     * hanging up gets no answer, and a write is never retried (502).
     */
    @Test
    void pooledConnectionsAreRetiredBeforeTheServicesKeepAliveEnds() {
        Duration tomcatKeepAlive = Duration.ofSeconds(60);
        assertThat(httpClient.getPool().getMaxIdleTime()).as("pool max-idle-time").isNotNull()
                .isPositive().isLessThanOrEqualTo(tomcatKeepAlive.dividedBy(2));
    }

    /**
     * Per request the gateway keeps Boot's {@code http.server.requests} timer and nothing nobody reads: no timer of
     * Spring Cloud Gateway's own ({@code spring.cloud.gateway.requests}), no client-side observation, and no
     * observation per Redis command (the rate limiter's script runs against real Redis here).
     */
    @Test
    void requestsAreTimedOnceAndRedisCommandsAreNotObserved() throws Exception {
        HttpResponse<String> answer = withToken("/api/users/me", Tokens.renter());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("X-RateLimit-Remaining")).as("the limiter asked Redis").isPresent();
        List<String> names = meters.getMeters().stream().map(m -> m.getId().getName()).distinct().toList();
        assertThat(names).contains("http.server.requests")
                .noneMatch(name -> name.startsWith("lettuce"))
                .noneMatch(name -> name.startsWith("spring.cloud.gateway.requests"))
                .noneMatch(name -> name.startsWith("http.client.requests"));
    }

    /**
     * A discovery heartbeat (Eureka: every registry fetch) no longer rebuilds every route; a refresh of
     * the configuration still does (RouteRefreshConfiguration), and the routes still answer after it.
     */
    @Test
    void heartbeatsLeaveTheRoutesAloneAndAConfigurationRefreshRebuildsThem() throws Exception {
        List<RefreshRoutesEvent> refreshes = new CopyOnWriteArrayList<>();
        context.addApplicationListener((ApplicationListener<RefreshRoutesEvent>) refreshes::add);

        for (int i = 0; i < 5; i++) {
            context.publishEvent(new HeartbeatEvent(this, "registry-" + i));
        }
        assertThat(refreshes).as("route rebuilds after five heartbeats").isEmpty();

        context.publishEvent(new RefreshScopeRefreshedEvent());
        assertThat(refreshes).hasSize(1);

        HttpResponse<String> answer = withToken("/api/users/me", Tokens.renter());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(json.readTree(answer.body()).get("path").asString()).isEqualTo("/api/users/me");
    }

    @Test
    void routesToTheServiceAndPassesTheCorrelationIdBothWays() throws Exception {
        HttpResponse<String> response = send(request("/api/users/me").header("X-Request-Id", "client-chosen-42")
                .header("Authorization", "Bearer " + Tokens.renter()));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("client-chosen-42");
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("requestId").asString()).isEqualTo("client-chosen-42");
        assertThat(body.get("path").asString()).isEqualTo("/api/users/me");
        assertThat(body.get("authorization").asBoolean()).as("token passed downstream").isTrue();
    }

    @Test
    void generatesACorrelationIdWhenAbsentOrUnsafe() throws Exception {
        HttpResponse<String> absent = send(request("/api/auth/login").POST(HttpRequest.BodyPublishers.noBody()));
        String generated = absent.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(generated).matches("[0-9a-f-]{36}");
        assertThat(json.readTree(absent.body()).get("requestId").asString()).isEqualTo(generated);

        HttpResponse<String> forged = send(request("/api/auth/login").POST(HttpRequest.BodyPublishers.noBody())
                .header("X-Request-Id", "evil id <script>"));
        assertThat(forged.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f-]{36}");
    }

    @Test
    void aRouteWithoutARunningServiceAnswers503ProblemQuickly() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = send(request("/api/payments/p-123")
                .header("Authorization", "Bearer " + Tokens.renter()));
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode body = problem(response);
        assertThat(body.get("type").asString()).endsWith("/service-unavailable");
        assertThat(body.get("service").asString()).isEqualTo("payment-service");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(millis).as("fallback latency in ms").isLessThan(5_000);

        HttpResponse<String> post = send(request("/api/storage/files").POST(HttpRequest.BodyPublishers.ofString("x"))
                .header("Authorization", "Bearer " + Tokens.admin()));
        assertThat(post.statusCode()).isEqualTo(503);
        problem(post);
    }

    @Test
    void retriesIdempotentRequestsOnADroppedConnectionButNeverAPost() throws Exception {
        int before = dropped.get();
        HttpResponse<String> get = send(request("/api/bookings/b-1").header("Authorization", "Bearer " + Tokens.renter()));
        assertThat(get.statusCode()).isEqualTo(503);
        problem(get);
        assertThat(dropped.get() - before).as("GET attempts").isEqualTo(3);

        int beforePost = dropped.get();
        HttpResponse<String> post = send(request("/api/bookings")
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + Tokens.renter())
                .POST(HttpRequest.BodyPublishers.ofString("{\"vehicleId\":\"v-1\"}")));
        // a write has no circuit breaker (it would buffer the body): the dropped connection is a 502, since the
        // booking may or may not have been made
        assertThat(post.statusCode()).isEqualTo(502);
        assertThat(problem(post).get("type").asString()).endsWith("/bad-gateway");
        assertThat(dropped.get() - beforePost).as("POST attempts").isEqualTo(1);
    }

    @Test
    void aBurstPastTheLimitGets429ProblemWithRetryAfter() {
        String token = Tokens.sign(Tokens.SIGNING_KEY, java.util.UUID.randomUUID().toString(), List.of("RENTER"),
                java.time.Instant.now().plusSeconds(300));
        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> burst = IntStream.range(0, 40)
                .mapToObj(i -> http.sendAsync(request("/api/payments/p-" + i).header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();
        List<HttpResponse<String>> responses = burst.stream().map(CompletableFuture::join).toList();
        double seconds = (System.nanoTime() - started) / 1e9;
        List<HttpResponse<String>> limited = responses.stream().filter(r -> r.statusCode() == 429).toList();
        // the bucket holds 10 and refills 5 per second, in whole seconds (the limiter's script reads Redis TIME's
        // seconds): a burst taking d seconds crosses at most ceil(d) second boundaries, each adding 5 at once
        int mayPass = 10 + 5 * (int) Math.ceil(seconds);
        assertThat(limited).as("responses over the burst of 10 (burst took %.1f s)", seconds)
                .hasSizeGreaterThanOrEqualTo(Math.max(1, 40 - mayPass));
        HttpResponse<String> first = limited.get(0);
        JsonNode body = problem(first);
        assertThat(body.get("type").asString()).endsWith("/rate-limited");
        assertThat(Integer.parseInt(first.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 60);
        assertThat(responses).allMatch(r -> r.statusCode() == 429 || r.statusCode() == 503);
    }

    @Test
    void slowAnswersWithinTheConfiguredTimeLimitAndBurstsPastTheDefaultBulkheadGetThrough() {
        // 40 concurrent 1.5 s calls: more than Resilience4j's defaults (1 s time limit, 25-call bulkhead)
        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 40)
                .mapToObj(i -> http.sendAsync(request("/api/users/slow")
                        .header("Authorization", "Bearer " + Tokens.sign(Tokens.SIGNING_KEY,
                                java.util.UUID.randomUUID().toString(), List.of("RENTER"),
                                java.time.Instant.now().plusSeconds(300)))
                        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()))
                .toList();
        assertThat(calls.stream().map(CompletableFuture::join).map(HttpResponse::statusCode)).containsOnly(204);
    }

    @Test
    void unknownPathsAre404Problems() throws Exception {
        HttpResponse<String> response = send(request("/nothing-here"));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(problem(response).get("type").asString()).endsWith("/not-found");
    }

    /**
     * An unknown API path stays a 404 problem with a valid token, even for a browser that asks for HTML: the web
     * UI's deep links (any other path) never cover /api/**.
     */
    @Test
    void anUnknownApiPathIsA404ProblemNotTheWebUi() throws Exception {
        for (String path : List.of("/api/nothing-here", "/api/nothing/here/either", "/api")) {
            HttpResponse<String> response = send(request(path).header("Authorization", "Bearer " + token("RENTER"))
                    .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"));
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(problem(response).get("type").asString()).endsWith("/not-found");
        }
    }

    @Test
    void corsFollowsTheConfiguredOrigins() throws Exception {
        HttpResponse<String> allowed = send(request("/api/users/me")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "PATCH"));
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");

        HttpResponse<String> denied = send(request("/api/users/me")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "PATCH"));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private HttpRequest.Builder management(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path));
    }

    @Test
    void healthProbesAndMetricsAreExposedOnTheManagementPortOnly() throws Exception {
        assertThat(managementPort).isNotEqualTo(port);
        assertThat(send(management("/actuator/health/readiness")).statusCode()).isEqualTo(200);
        assertThat(send(management("/actuator/health/liveness")).statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = send(management("/actuator/prometheus"));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("application=\"gateway-service\"");
        // the fallback counter, after a 503 of its own
        send(request("/api/payments/metrics-probe").header("Authorization", "Bearer " + Tokens.renter()));
        String after = send(management("/actuator/prometheus")).body();
        assertThat(after).contains("smartlink_gateway_fallbacks_total{").contains("service=\"payment-service\"");
        // the public port serves no actuator at all
        for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/health/readiness",
                "/actuator/info", "/actuator/metrics", "/actuator")) {
            HttpResponse<String> response = send(request(path));
            assertThat(response.statusCode()).as("public %s", path).isIn(401, 403, 404);
            assertThat(response.body()).as("public %s", path).doesNotContain("jvm_").doesNotContain("\"UP\"");
        }
    }

    // ------------------------------------------------------------------ security

    private HttpResponse<String> withToken(String path, String token) throws Exception {
        return send(request(path).header("Authorization", "Bearer " + token));
    }

    @Test
    void protectedRoutesNeedAValidToken() throws Exception {
        HttpResponse<String> missing = send(request("/api/users/me"));
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(problem(missing).get("type").asString()).endsWith("/unauthorized");

        assertThat(withToken("/api/users/me", "not-a-jwt").statusCode()).isEqualTo(401);
        assertThat(withToken("/api/users/me", Tokens.unsigned(Tokens.ADMIN_ID, List.of("ADMIN"))).statusCode())
                .as("alg none").isEqualTo(401);
        assertThat(withToken("/api/users/me", Tokens.sign(Tokens.OTHER_KEY, Tokens.RENTER_ID, List.of("RENTER"),
                java.time.Instant.now().plusSeconds(300))).statusCode()).as("another key, same kid").isEqualTo(401);
        assertThat(withToken("/api/users/me", Tokens.sign(Tokens.SIGNING_KEY, Tokens.RENTER_ID, List.of("RENTER"),
                java.time.Instant.now().minusSeconds(300))).statusCode()).as("expired").isEqualTo(401);
        assertThat(withToken("/api/users/me", Tokens.tamperedToAdmin(Tokens.renter())).statusCode())
                .as("payload changed after signing").isEqualTo(401);
        assertThat(withToken("/api/users/me", Tokens.signWithIssuer("someone-else")).statusCode())
                .as("another issuer").isEqualTo(401);
        HttpResponse<String> bad = withToken("/api/users/me", "not-a-jwt");
        problem(bad);
        assertThat(bad.body()).doesNotContain("not-a-jwt");
    }

    @Test
    void adminRoutesNeedTheAdminRole() throws Exception {
        HttpResponse<String> renter = withToken("/api/admin/partners/pending", Tokens.renter());
        assertThat(renter.statusCode()).isEqualTo(403);
        assertThat(problem(renter).get("type").asString()).endsWith("/forbidden");
        assertThat(withToken("/api/admin/partners/pending", Tokens.partner()).statusCode()).isEqualTo(403);
        assertThat(send(request("/api/admin/users")).statusCode()).isEqualTo(401);
        assertThat(withToken("/api/admin/partners/pending", Tokens.admin()).statusCode()).isEqualTo(200);
        // the admin overview (user-service): admins only, already at the gateway
        assertThat(withToken("/api/admin/overview", Tokens.renter()).statusCode()).isEqualTo(403);
        assertThat(withToken("/api/admin/overview", Tokens.partner()).statusCode()).isEqualTo(403);
        assertThat(send(request("/api/admin/overview")).statusCode()).isEqualTo(401);
        HttpResponse<String> overview = withToken("/api/admin/overview", Tokens.admin());
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("\"service\":\"user-service\"", "\"path\":\"/api/admin/overview\"");
    }

    @Test
    void publicRoutesNeedNoToken() throws Exception {
        for (String path : List.of("/api/auth/register", "/api/auth/login", "/api/auth/refresh", "/api/partners")) {
            HttpResponse<String> response = send(request(path).POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .header("Content-Type", "application/json"));
            assertThat(response.statusCode()).as(path).isEqualTo(200);
        }
        assertThat(send(request("/.well-known/jwks.json")).statusCode()).isEqualTo(200);
        assertThat(send(request("/api/partners/me")).statusCode()).as("not the sign-up").isEqualTo(401);
        // booking-service's quote is public (its stand-in here hangs up: whatever comes back, it is not the 401)
        int before = dropped.get();
        HttpResponse<String> quote = send(request("/api/bookings/quote?vehicleId=" + UUID.randomUUID()));
        assertThat(quote.statusCode()).as("the quote needs no token").isNotEqualTo(401).isNotEqualTo(403);
        assertThat(dropped.get()).as("the quote reached booking-service").isGreaterThan(before);
        assertThat(send(request("/api/bookings/me")).statusCode()).as("a renter's bookings").isEqualTo(401);
        assertThat(send(request("/api/bookings/quote").POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json")).statusCode()).as("only GET is public").isEqualTo(401);
        assertThat(send(request("/actuator/env")).statusCode()).as("no actuator internals").isIn(401, 403);
        // the payment provider's webhook carries a signature, not a token (payment-service has no instance here:
        // the gateway lets it through to the 503 fallback instead of answering 401)
        HttpResponse<String> webhook = send(request("/api/payments/webhook")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json")
                .header("Stripe-Signature", "t=1,v1=00"));
        assertThat(webhook.statusCode()).as("the webhook needs no token").isEqualTo(503);
        assertThat(send(request("/payments/sandbox/checkout/cs_test_sandbox_1")).statusCode())
                .as("the sandbox checkout page needs no token").isEqualTo(503);
        assertThat(send(request("/api/payments/checkout").POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json")).statusCode()).as("a checkout needs a renter").isEqualTo(401);
    }

    // ------------------------------------------------------------------ route table

    /** A token of its own per test and role, so that tests do not share a rate-limit bucket. */
    private static String token(String role) {
        return Tokens.sign(Tokens.SIGNING_KEY, UUID.randomUUID().toString(), List.of(role),
                Instant.now().plusSeconds(300));
    }

    /** The id of the route that handles a request: the first one, in gateway-service.yml's order, that matches. */
    private String routeFor(HttpMethod method, String path) {
        return routes.getRoutes()
                .concatMap(route -> Mono.from(route.getPredicate()
                        .apply(MockServerWebExchange.from(MockServerHttpRequest.method(method, path))))
                        .filter(Boolean::booleanValue).map(matched -> route.getId()))
                .next().blockOptional(Duration.ofSeconds(5)).orElse(null);
    }

    @Test
    void eachRequestGoesToTheRouteOfTheServiceThatOwnsIt() {
        Map<String, String> expected = new LinkedHashMap<>();
        // identity: reads and writes on separate routes
        expected.put("POST /api/auth/login", "user-auth");
        expected.put("POST /api/auth/register", "user-auth");
        expected.put("POST /api/auth/refresh", "user-auth");
        expected.put("POST /api/auth/logout", "user-auth-logout");
        expected.put("GET /api/users/me", "user-users-read");
        expected.put("PATCH /api/users/me", "user-users");
        expected.put("POST /api/users/me/password", "user-users");
        // a partner's vehicles belong to vehicle-service, the rest of /api/partners to user-service
        expected.put("GET /api/partners/" + Tokens.PARTNER_ID + "/vehicles", "vehicle-partner-read");
        expected.put("HEAD /api/partners/me/vehicles/v-1", "vehicle-partner-read");
        expected.put("POST /api/partners/me/vehicles", "vehicle-partner");
        expected.put("POST /api/partners/me/vehicles/v-1/photos", "vehicle-partner");
        expected.put("DELETE /api/partners/me/vehicles/v-1", "vehicle-partner");
        expected.put("GET /api/partners/me", "user-partners-read");
        expected.put("GET /api/partners/me/documents", "user-partners-read");
        expected.put("GET /api/partners/me/vehicles-report", "user-partners-read");
        expected.put("POST /api/partners", "user-partner-signup");
        expected.put("GET /api/partners", "user-partners-read");
        expected.put("POST /api/partners/me/documents", "user-partner-documents");
        expected.put("DELETE /api/partners/me/documents/d-1", "user-partners");
        expected.put("POST /api/partners/me/resubmit", "user-partners");
        // vehicle moderation belongs to vehicle-service, the rest of /api/admin to user-service
        expected.put("GET /api/admin/vehicles", "vehicle-admin-read");
        expected.put("GET /api/admin/vehicles/pending", "vehicle-admin-read");
        expected.put("POST /api/admin/vehicles/v-1/verification", "vehicle-admin");
        expected.put("GET /api/admin/partners/pending", "user-admin-read");
        expected.put("PATCH /api/admin/partners/p-1/verification", "user-admin");
        expected.put("POST /api/admin/keys/rotate", "user-admin");
        expected.put("GET /api/admin/vehicles-export", "user-admin-read");
        expected.put("GET /api/admin/overview", "user-admin-read");
        expected.put("GET /.well-known/jwks.json", "user-jwks");
        // the catalogue
        expected.put("GET /api/vehicles", "vehicles-read");
        expected.put("HEAD /api/vehicles/v-1/photos/ph-1", "vehicles-read");
        expected.put("POST /api/vehicles/v-1/photos", "vehicle-photos");
        expected.put("DELETE /api/vehicles/v-1/photos/ph-1", "vehicles");
        expected.put("PUT /api/vehicles/v-1", "vehicles");
        expected.put("GET /api/bookings/b-1", "bookings-read");
        expected.put("GET /api/partners/me/bookings", "booking-partner-read");
        expected.put("GET /api/partners/p-1/bookings", "booking-partner-read");
        expected.put("GET /api/admin/bookings", "booking-admin-read");
        expected.put("GET /api/admin/revenue", "booking-admin-read");
        expected.put("GET /api/partners/me/earnings", "booking-partner-read");
        expected.put("GET /api/partners/p-1/earnings", "booking-partner-read");
        expected.put("GET /api/partners/me/fleet", "booking-partner-read");
        expected.put("HEAD /api/partners/p-1/fleet", "booking-partner-read");
        expected.put("GET /api/bookings/me", "bookings-read");
        expected.put("POST /api/bookings", "bookings");
        expected.put("GET /api/payments/p-1", "payments-read");
        expected.put("POST /api/payments/p-1/refunds", "payments");
        expected.put("POST /api/payments/webhook", "payments");
        expected.put("POST /api/payments/checkout", "payments");
        expected.put("GET /payments/sandbox/checkout/cs_test_sandbox_1", "payments-sandbox-read");
        expected.put("POST /payments/sandbox/checkout/cs_test_sandbox_1/pay", "payments-sandbox");
        expected.put("GET /api/storage/files/f-1", "storage-read");
        expected.put("POST /api/storage/files", "storage");
        Map<String, String> actual = new LinkedHashMap<>();
        expected.keySet().forEach(request -> {
            String[] parts = request.split(" ", 2);
            actual.put(request, routeFor(HttpMethod.valueOf(parts[0]), parts[1]));
        });
        assertThat(actual).containsExactlyEntriesOf(expected);
        assertThat(routeFor(HttpMethod.POST, "/.well-known/jwks.json")).as("no write route for the JWKS").isNull();
    }

    /**
     * Service-to-service APIs (/internal/**, e.g. the storage controller's file API) and user-service's service
     * token endpoint (/oauth2/**) are never public.
     */
    @Test
    void nothingRoutesInternalPaths() throws Exception {
        for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
                HttpMethod.PATCH, HttpMethod.DELETE)) {
            for (String path : List.of("/internal", "/internal/storage/files", "/internal/storage/files/f-1",
                    "/internal/vehicles/v-1/photos", "/internal/storage/nodes/n-1/heartbeat", "/internal/overview",
                    "/internal/vehicles", "/oauth2/token",
                    "/oauth2", "/oauth2/authorize")) {
                assertThat(routeFor(method, path)).as("route for %s %s", method, path).isNull();
            }
        }
        HttpResponse<String> response = send(request("/internal/storage/files/f-1")
                .header("Authorization", "Bearer " + token("ADMIN")));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(problem(response).get("type").asString()).endsWith("/not-found");
        HttpResponse<String> tokenRequest = send(request("/oauth2/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString("vehicle-service:guess".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&audience=storage-node-service")));
        assertThat(tokenRequest.statusCode()).as(tokenRequest.body()).isIn(401, 404);
        assertThat(tokenRequest.body()).doesNotContain("access_token");
    }

    /**
     * No service's actuator (health details, Prometheus, env) is reachable through the gateway: no route matches
     * /actuator, and no route rewrites a path, so a routed request reaches a service under /api/**, the JWKS
     * path or the sandbox payment provider's /payments/sandbox/** only. The gateway's own actuator is on its management port (the test above).
     */
    @Test
    void noRouteReachesAServicesActuator() {
        for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST)) {
            for (String path : List.of("/actuator", "/actuator/prometheus", "/actuator/health", "/actuator/env",
                    "/actuator/metrics/jvm.memory.used")) {
                assertThat(routeFor(method, path)).as("route for %s %s", method, path).isNull();
            }
        }
        List<String> ids = routes.getRoutes().map(route -> route.getId()).collectList().block(Duration.ofSeconds(5));
        assertThat(ids).isNotEmpty();
        for (String id : ids) {
            assertThat(filtersOf(id)).as("filters of %s", id).doesNotContain("StripPrefix").doesNotContain("RewritePath")
                    .doesNotContain("SetPath").doesNotContain("PrefixPath");
        }
    }

    /**
     * Spring Cloud Gateway's Retry filter and a circuit breaker with a fallback read the whole request body
     * into memory: they may only sit on routes that never take a body, i.e. whose predicates let nothing but
     * GET and HEAD through. Checked on every route of the table, by asking each route's predicate about every
     * method with a body, and on the default filters.
     */
    @Test
    void noRouteThatTakesABodyBuffersIt() {
        List<RouteDefinition> definitions = gatewayProperties.getRoutes();
        assertThat(definitions).hasSizeGreaterThan(20);
        assertThat(gatewayProperties.getDefaultFilters()).extracting(FilterDefinition::getName)
                .doesNotContain("Retry", "CircuitBreaker");
        List<String> buffering = new java.util.ArrayList<>();
        for (RouteDefinition definition : definitions) {
            boolean buffers = definition.getFilters().stream().anyMatch(filter -> filter.getName().equals("Retry")
                    || (filter.getName().equals("CircuitBreaker") && filter.getArgs().containsKey("fallbackUri")));
            if (!buffers) {
                continue;
            }
            buffering.add(definition.getId());
            Route route = routes.getRoutes().filter(r -> r.getId().equals(definition.getId())).next()
                    .block(Duration.ofSeconds(5));
            for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE,
                    HttpMethod.OPTIONS)) {
                for (String path : samplePaths(definition)) {
                    Boolean matches = Mono.from(route.getPredicate()
                            .apply(MockServerWebExchange.from(MockServerHttpRequest.method(method, path))))
                            .block(Duration.ofSeconds(5));
                    assertThat(matches).as("%s (Retry or fallback CircuitBreaker) must not take %s %s",
                            definition.getId(), method, path).isFalse();
                }
            }
            assertThat(definition.getPredicates()).as("Method predicate of %s", definition.getId())
                    .anySatisfy(predicate -> {
                        assertThat(predicate.getName()).isEqualTo("Method");
                        assertThat(predicate.getArgs().values()).allSatisfy(
                                value -> assertThat(value.toUpperCase(java.util.Locale.ROOT)).isIn("GET", "HEAD"));
                    });
        }
        assertThat(buffering).as("routes with a retry or fallback (all reads)").contains("user-auth-read",
                "user-users-read", "user-admin-read", "bookings-read", "payments-read", "payments-sandbox-read", "storage-read",
                "vehicles-read", "user-jwks");
        // the write halves exist and carry neither
        for (String id : List.of("user-auth", "user-auth-logout", "user-users", "user-admin", "user-partners", "user-partner-signup",
                "user-partner-documents", "vehicle-partner", "vehicle-admin", "vehicles", "vehicle-photos", "bookings",
                "payments", "payments-sandbox", "storage")) {
            assertThat(filtersOf(id)).as("filters of %s", id).doesNotContain("Retry").doesNotContain("CircuitBreaker");
        }
    }

    /** Without Redis only the routes that hash passwords or guess them refuse; the rest stay open. */
    @Test
    void onlySignInSignUpAndRefreshFailClosedWithoutRedis() {
        List<String> failClosed = gatewayProperties.getRoutes().stream()
                .filter(route -> Boolean.parseBoolean(String.valueOf(route.getMetadata()
                        .get(com.smartlinkauto.gateway.limits.RedisDownAwareRateLimiter.FAIL_CLOSED_METADATA))))
                .map(RouteDefinition::getId).toList();
        assertThat(failClosed).containsExactlyInAnyOrder("user-auth", "user-partner-signup");
        assertThat(routeFor(HttpMethod.POST, "/api/auth/login")).isEqualTo("user-auth");
        assertThat(routeFor(HttpMethod.POST, "/api/auth/refresh")).isEqualTo("user-auth");
        assertThat(routeFor(HttpMethod.POST, "/api/partners")).isEqualTo("user-partner-signup");
    }

    /** Paths a route's Path predicate matches (its patterns with each wildcard filled in). */
    private static List<String> samplePaths(RouteDefinition definition) {
        return definition.getPredicates().stream().filter(predicate -> predicate.getName().equals("Path"))
                .flatMap(predicate -> predicate.getArgs().values().stream())
                .flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .map(pattern -> pattern.strip().replace("/**", "/x/y").replace("*", "x"))
                .toList();
    }

    private String filtersOf(String routeId) {
        return routes.getRoutes().filter(route -> route.getId().equals(routeId)).next()
                .blockOptional(Duration.ofSeconds(5)).orElseThrow(() -> new AssertionError("no route " + routeId))
                .getFilters().toString();
    }

    // ------------------------------------------------------------------ vehicle-service

    private JsonNode answered(HttpResponse<String> response, String service) {
        assertThat(response.statusCode()).as("status of %s", response.uri()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("service").asString()).as("service behind %s", response.uri()).isEqualTo(service);
        assertThat(body.get("path").asString()).isEqualTo(response.uri().getPath());
        return body;
    }

    @Test
    void aPartnersVehiclesReachVehicleServiceAndItsDocumentsUserService() throws Exception {
        String partner = token("PARTNER");
        answered(send(request("/api/partners/" + Tokens.PARTNER_ID + "/vehicles")
                .header("Authorization", "Bearer " + partner)), "vehicle-service");
        answered(send(request("/api/partners/me/vehicles").header("Authorization", "Bearer " + partner)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"make\":\"Skoda\"}"))), "vehicle-service");
        answered(send(request("/api/partners/me").header("Authorization", "Bearer " + partner)), "user-service");

        // a 10 MB verification document streams through to user-service, intact
        byte[] document = new byte[10 * 1024 * 1024];
        new Random(7).nextBytes(document);
        JsonNode uploaded = answered(send(request("/api/partners/me/documents")
                .header("Authorization", "Bearer " + partner)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(document))), "user-service");
        assertThat(uploaded.get("bytes").asLong()).isEqualTo(document.length);
        assertThat(uploaded.get("sha256").asString()).isEqualTo(sha256(document));
    }

    @Test
    void adminVehicleRoutesReachVehicleServiceAndNeedTheAdminRole() throws Exception {
        String admin = token("ADMIN");
        answered(send(request("/api/admin/vehicles/pending").header("Authorization", "Bearer " + admin)),
                "vehicle-service");
        answered(send(request("/api/admin/vehicles/v-1/verification").header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"APPROVED\"}"))), "vehicle-service");
        answered(send(request("/api/admin/partners/pending").header("Authorization", "Bearer " + admin)),
                "user-service");
        HttpResponse<String> partner = send(request("/api/admin/vehicles/pending")
                .header("Authorization", "Bearer " + token("PARTNER")));
        assertThat(partner.statusCode()).isEqualTo(403);
        assertThat(problem(partner).get("type").asString()).endsWith("/forbidden");
    }

    @Test
    void theCatalogueIsPublicForReadsOnly() throws Exception {
        answered(send(request("/api/vehicles")), "vehicle-service");
        HttpResponse<String> write = send(request("/api/vehicles").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(write.statusCode()).isEqualTo(401);
        problem(write);
    }

    @Test
    void vehicleReadsAreRetriedOnADroppedConnectionButAWriteIsSentOnce() throws Exception {
        String partner = token("PARTNER");
        int getsBefore = drops("GET");
        HttpResponse<String> get = send(request("/api/vehicles/drop").header("Authorization", "Bearer " + partner));
        assertThat(get.statusCode()).isEqualTo(503);
        assertThat(problem(get).get("service").asString()).isEqualTo("vehicle-service");
        assertThat(drops("GET") - getsBefore).as("GET attempts").isEqualTo(3);

        int postsBefore = drops("POST");
        HttpResponse<String> post = send(request("/api/vehicles/drop").header("Authorization", "Bearer " + partner)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"make\":\"Skoda\"}")));
        assertThat(post.statusCode()).isEqualTo(502);
        assertThat(problem(post).get("type").asString()).endsWith("/bad-gateway");
        assertThat(drops("POST") - postsBefore).as("POST attempts").isEqualTo(1);

        // a 10 MB photo streams through the write route to vehicle-service, intact
        byte[] photo = new byte[10 * 1024 * 1024];
        new Random(11).nextBytes(photo);
        JsonNode uploaded = answered(send(request("/api/vehicles/v-1/photos")
                .header("Authorization", "Bearer " + partner)
                .header("Content-Type", "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofByteArray(photo))), "vehicle-service");
        assertThat(uploaded.get("bytes").asLong()).isEqualTo(photo.length);
        assertThat(uploaded.get("sha256").asString()).isEqualTo(sha256(photo));
    }

    // ------------------------------------------------------------------ client address

    @Test
    void theServiceSeesTheTcpPeerAndNeverAForwardedForTheClientChose() throws Exception {
        JsonNode plain = answered(send(request("/api/vehicles")), "vehicle-service");
        assertThat(plain.get("forwardedFor").asString()).isEqualTo("127.0.0.1");
        // no proxy is trusted locally: a client's own header is dropped, not extended
        JsonNode forged = answered(send(request("/api/vehicles").header("X-Forwarded-For", "203.0.113.7, 198.51.100.1")),
                "vehicle-service");
        assertThat(forged.get("forwardedFor").asString()).isEqualTo("127.0.0.1");
        JsonNode post = answered(send(request("/api/auth/login").header("X-Forwarded-For", "203.0.113.7")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))),
                "user-service");
        assertThat(post.get("forwardedFor").asString()).isEqualTo("127.0.0.1");
    }

    // ------------------------------------------------------------------ request size

    @Test
    void aJsonRouteRefusesABodyOver64KbWithOrWithoutContentLength() throws Exception {
        byte[] small = new byte[10 * 1024];
        byte[] large = new byte[64 * 1024 + 1];
        // declared too large: refused before anything reaches the service, by a client waiting for 100-continue
        // at once, by one that sends its body straight away after the body (read and discarded)
        for (boolean expectContinue : new boolean[] { true, false }) {
            HttpResponse<String> declared = send(request("/api/auth/login").header("Content-Type", "application/json")
                    .expectContinue(expectContinue).POST(HttpRequest.BodyPublishers.ofByteArray(large)));
            assertThat(declared.statusCode()).as("expect 100-continue: %s", expectContinue).isEqualTo(413);
            assertThat(problem(declared).get("type").asString()).endsWith("/payload-too-large");
        }
        // chunked (no Content-Length): counted while it streams
        HttpResponse<String> streamed = send(request("/api/auth/login").header("Content-Type", "application/json")
                .POST(chunked(new byte[100 * 1024])));
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(problem(streamed).get("type").asString()).endsWith("/payload-too-large");
        // under the limit, both ways
        assertThat(answered(send(request("/api/auth/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(small))), "user-service").get("bytes").asLong())
                .isEqualTo(small.length);
        assertThat(answered(send(request("/api/auth/login").header("Content-Type", "application/json")
                .POST(chunked(small))), "user-service").get("bytes").asLong()).isEqualTo(small.length);
        // an authenticated JSON route has the same limit
        HttpResponse<String> patch = send(request("/api/users/me").header("Authorization", "Bearer " + token("RENTER"))
                .header("Content-Type", "application/json").expectContinue(true)
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(large)));
        assertThat(patch.statusCode()).isEqualTo(413);
        problem(patch);
    }

    @Test
    void uploadRoutesTakeTheDocumentedFileSizeAndNoMore() throws Exception {
        String partner = token("PARTNER");
        byte[] tooLarge = new byte[11 * 1024 * 1024 + 1];
        for (String path : List.of("/api/vehicles/v-1/photos", "/api/partners/me/documents")) {
            HttpResponse<String> response = send(request(path).header("Authorization", "Bearer " + partner)
                    .header("Content-Type", "multipart/form-data; boundary=x").expectContinue(true)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(tooLarge)));
            assertThat(response.statusCode()).as(path).isEqualTo(413);
            assertThat(problem(response).get("type").asString()).endsWith("/payload-too-large");
        }
        // the storage route takes what the controller takes (16 GB): 12 MB is nothing
        HttpResponse<String> storage = send(request("/api/storage/files").header("Authorization", "Bearer " + token("ADMIN"))
                .expectContinue(true).POST(HttpRequest.BodyPublishers.ofByteArray(new byte[12 * 1024 * 1024])));
        assertThat(storage.statusCode()).as("no storage-controller instance: 503, not 413").isEqualTo(503);
    }

    /** A body of unknown length: sent chunked. */
    private static HttpRequest.BodyPublisher chunked(byte[] bytes) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes));
    }

    // ------------------------------------------------------------------ writes without a breaker

    @Test
    void aWriteToAServiceWithoutAnInstanceIsA503ProblemAtOnce() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = send(request("/api/payments/p-1/refunds")
                .header("Authorization", "Bearer " + token("RENTER")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":1}")));
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(problem(response).get("type").asString()).endsWith("/service-unavailable");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(millis).as("latency in ms").isLessThan(5_000);
    }

    // ------------------------------------------------------------------ revoked tokens

    @Autowired
    org.springframework.data.redis.core.ReactiveStringRedisTemplate redis;

    @Test
    void aRevokedAccessTokenIs401WhileOthersOfTheSameUserStillPass() throws Exception {
        String user = UUID.randomUUID().toString();
        String revoked = Tokens.sign(Tokens.SIGNING_KEY, user, List.of("RENTER"), Instant.now().plusSeconds(300));
        String other = Tokens.sign(Tokens.SIGNING_KEY, user, List.of("RENTER"), Instant.now().plusSeconds(300));
        assertThat(withToken("/api/users/me", revoked).statusCode()).isEqualTo(200);

        String jti = com.nimbusds.jwt.SignedJWT.parse(revoked).getJWTClaimsSet().getJWTID();
        redis.opsForValue().set(com.smartlinkauto.servicedefaults.revocation.RevokedAccessTokens.key(jti), "1",
                Duration.ofMinutes(5)).block(Duration.ofSeconds(5));

        HttpResponse<String> refused = withToken("/api/users/me", revoked);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(problem(refused).get("type").asString()).endsWith("/unauthorized");
        // on a public route too: a bearer token is checked wherever it is sent
        HttpResponse<String> publicRoute = send(request("/api/vehicles").header("Authorization", "Bearer " + revoked));
        assertThat(publicRoute.statusCode()).isEqualTo(401);
        assertThat(withToken("/api/users/me", other).statusCode()).as("another token of the same user").isEqualTo(200);
        assertThat(send(management("/actuator/prometheus")).body()).contains("smartlink_gateway_revoked_tokens_total");
    }

    private static int drops(String method) {
        return vehicleDrops.computeIfAbsent(method, m -> new AtomicInteger()).get();
    }
}
