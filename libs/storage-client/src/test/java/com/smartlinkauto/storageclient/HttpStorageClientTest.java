package com.smartlinkauto.storageclient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokenException;
import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokens;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against a JDK HttpServer posing as the controller's internal file API. */
class HttpStorageClientTest {

    private HttpServer server;
    private final Map<String, HttpHandler> handlers = new ConcurrentHashMap<>();
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private CircuitBreaker breaker;
    /** Hands out "token-<n>", n counting up after each invalidation; can be made to fail. */
    private final TestServiceTokens tokens = new TestServiceTokens();

    static final class TestServiceTokens implements ServiceTokens {

        final AtomicInteger generation = new AtomicInteger(1);
        final List<String> audiences = new CopyOnWriteArrayList<>();
        volatile boolean failing;

        @Override
        public String token(String audience) {
            audiences.add(audience);
            if (failing) {
                throw new ServiceTokenException("token endpoint down");
            }
            return "token-" + generation.get();
        }

        @Override
        public void invalidate(String audience) {
            generation.incrementAndGet();
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            requests.add(Map.of("method", exchange.getRequestMethod(), "uri", exchange.getRequestURI().toString(),
                    "authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"))));
            HttpHandler handler = handlers.get(exchange.getRequestMethod());
            if (handler == null) {
                respond(exchange, 404, "application/problem+json", "{\"status\":404,\"detail\":\"nothing\"}");
            }
            else {
                handler.handle(exchange);
            }
        });
        server.start();
        breaker = CircuitBreakerRegistry.ofDefaults().circuitBreaker("storage",
                StorageClientAutoConfiguration.circuitBreakerConfig());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpStorageClient client(Integer replication, Duration readTimeout) {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        StorageClientProperties properties = new StorageClientProperties("storage-controller-service", base, null,
                replication, Duration.ofSeconds(2), readTimeout);
        return new HttpStorageClient(properties, () -> URI.create(base), "test-service", breaker, meters, tokens);
    }

    private HttpStorageClient client() {
        return client(null, Duration.ofSeconds(10));
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    private static String manifest(UUID id, long size, String sha256, String type) {
        return "{\"fileId\":\"" + id + "\",\"name\":\"x\",\"contentType\":\"" + type + "\",\"size\":" + size
                + ",\"sha256\":\"" + sha256 + "\",\"chunkSize\":4194304,\"replication\":3,\"status\":\"AVAILABLE\","
                + "\"chunks\":[]}";
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    @Test
    void storeStreamsTheBodyWithItsLengthTypeOwnerNameAndReplication() throws Exception {
        int size = 8 * 1024 * 1024;
        byte[] data = new byte[size];
        new Random(1).nextBytes(data);
        UUID id = UUID.randomUUID();
        CountDownLatch serverHasFirstBytes = new CountDownLatch(1);
        Map<String, String> seen = new ConcurrentHashMap<>();
        handlers.put("POST", exchange -> {
            seen.put("type", exchange.getRequestHeaders().getFirst("Content-Type"));
            seen.put("length", exchange.getRequestHeaders().getFirst("Content-Length"));
            seen.put("owner", exchange.getRequestHeaders().getFirst("X-Storage-Owner"));
            seen.put("query", exchange.getRequestURI().getRawQuery());
            seen.put("path", exchange.getRequestURI().getPath());
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
            long total = 0;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = exchange.getRequestBody()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    digest.update(buffer, 0, n);
                    total += n;
                    if (total >= 1024 * 1024) {
                        serverHasFirstBytes.countDown();
                    }
                }
            }
            respond(exchange, 201, "application/json",
                    manifest(id, total, HexFormat.of().formatHex(digest.digest()), seen.get("type")));
        });
        // hands out the second half only once the server has received the first: a client that buffered
        // the whole body before sending would never get there
        InputStream content = new InputStream() {
            int position;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (position == size) {
                    return -1;
                }
                if (position >= size / 2) {
                    try {
                        if (!serverHasFirstBytes.await(10, TimeUnit.SECONDS)) {
                            throw new IOException("the server got nothing before the whole body was read");
                        }
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        throw new IOException(ex);
                    }
                }
                int n = Math.min(length, size - position);
                System.arraycopy(data, position, buffer, offset, n);
                position += n;
                return n;
            }
        };

        StoredFile stored = client(2, Duration.ofSeconds(10)).store(content, size, "application/pdf", "licence ä.pdf");

        assertThat(stored).isEqualTo(new StoredFile(id, size, sha256(data), "application/pdf"));
        assertThat(seen.get("path")).isEqualTo("/internal/storage/files");
        assertThat(seen.get("type")).isEqualTo("application/pdf");
        assertThat(seen.get("length")).isEqualTo(Integer.toString(size));
        assertThat(seen.get("owner")).isEqualTo("test-service");
        assertThat(seen.get("query")).isEqualTo("name=licence+%C3%A4.pdf&replication=2");
        assertThat(meters.get(HttpStorageClient.METRIC).tags("operation", "store", "outcome", "success").timer()
                .count()).isOne();
    }

    @Test
    void storeSendsExactlyLengthBytesAndRejectsShortContent() {
        handlers.put("POST", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            respond(exchange, 201, "application/json", manifest(UUID.randomUUID(), body.length, "abc", "image/png"));
        });
        StoredFile stored = client().store(new java.io.ByteArrayInputStream(new byte[100]), 40, "image/png", null);
        assertThat(stored.size()).isEqualTo(40);
        assertThat(requests.get(0).get("uri")).isEqualTo("/internal/storage/files");

        assertThatThrownBy(() -> client().store(new java.io.ByteArrayInputStream(new byte[10]), 40, "image/png", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10 of the 40");
    }

    @Test
    void openStreamsTheBodyAndPassesTheRangeThrough() throws Exception {
        byte[] data = "0123456789abcdefghij".getBytes(StandardCharsets.UTF_8);
        UUID id = UUID.randomUUID();
        Map<String, String> seen = new ConcurrentHashMap<>();
        handlers.put("GET", exchange -> {
            seen.put("path", exchange.getRequestURI().getPath());
            String range = exchange.getRequestHeaders().getFirst("Range");
            exchange.getResponseHeaders().set("ETag", "\"abc\"");
            exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
            if (range != null) {
                seen.put("range", range);
                exchange.getResponseHeaders().set("Content-Range", "bytes 5-9/20");
                exchange.sendResponseHeaders(206, 5);
                exchange.getResponseBody().write(data, 5, 5);
            }
            else {
                exchange.sendResponseHeaders(200, data.length);
                exchange.getResponseBody().write(data);
            }
            exchange.close();
        });

        try (StorageDownload whole = client().open(id, null)) {
            assertThat(whole.status()).isEqualTo(200);
            assertThat(whole.contentType()).isEqualTo("image/jpeg");
            assertThat(whole.contentLength()).isEqualTo(20);
            assertThat(whole.etag()).isEqualTo("\"abc\"");
            assertThat(whole.contentRange()).isNull();
            assertThat(whole.body().readAllBytes()).isEqualTo(data);
        }
        assertThat(seen.get("path")).isEqualTo("/internal/storage/files/" + id);
        assertThat(seen).doesNotContainKey("range");

        try (StorageDownload part = client().open(id, "bytes=5-9")) {
            assertThat(part.status()).isEqualTo(206);
            assertThat(part.contentLength()).isEqualTo(5);
            assertThat(part.contentRange()).isEqualTo("bytes 5-9/20");
            assertThat(new String(part.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("56789");
        }
        assertThat(seen.get("range")).isEqualTo("bytes=5-9");
    }

    @Test
    void aDownloadClosedHalfWayReleasesItsConnection() throws Exception {
        byte[] data = new byte[4 * 1024 * 1024];
        handlers.put("GET", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, data.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(data);
            }
            catch (IOException ex) {
                // the client hung up: expected
            }
            exchange.close();
        });
        StorageDownload download = client().open(UUID.randomUUID(), null);
        assertThat(download.body().readNBytes(1000)).hasSize(1000);
        download.close();
        download.close();
        try (StorageDownload again = client().open(UUID.randomUUID(), null)) {
            assertThat(again.body().readAllBytes()).hasSize(data.length);
        }
    }

    @Test
    void notFoundOnOpenIsStoredFileNotFoundAndOnDeleteCountsAsDeleted() {
        handlers.put("DELETE", exchange -> respond(exchange, 404, "application/problem+json",
                "{\"type\":\"https://smartlinkauto.com/problems/file-not-found\",\"status\":404,\"detail\":\"No file\"}"));
        UUID id = UUID.randomUUID();
        assertThatThrownBy(() -> client().open(id, null)).isInstanceOfSatisfying(StoredFileNotFoundException.class,
                ex -> {
                    assertThat(ex.status()).isEqualTo(HttpStatus.NOT_FOUND);
                    assertThat(ex.type().toString()).endsWith("/not-found");
                    assertThat(ex.fileId()).isEqualTo(id);
                });
        client().delete(id);
        assertThat(requests).extracting(r -> r.get("method")).containsExactly("GET", "DELETE");
        assertThat(meters.get(HttpStorageClient.METRIC).tags("operation", "open", "outcome", "not-found").timer()
                .count()).isOne();
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void deleteAnswered204() {
        handlers.put("DELETE", exchange -> respond(exchange, 204, "text/plain", ""));
        UUID id = UUID.randomUUID();
        client().delete(id);
        assertThat(requests.get(0).get("uri")).isEqualTo("/internal/storage/files/" + id);
    }

    @Test
    void serverErrorsAreUnavailableOnEveryOperation() {
        HttpHandler failing = exchange -> {
            exchange.getRequestBody().readAllBytes();
            respond(exchange, 500, "application/problem+json", "{\"status\":500,\"detail\":\"boom\"}");
        };
        handlers.put("POST", failing);
        handlers.put("GET", failing);
        handlers.put("DELETE", failing);
        HttpStorageClient client = client();
        assertThatThrownBy(() -> client.store(new java.io.ByteArrayInputStream(new byte[5]), 5, "image/png", "a.png"))
                .isInstanceOfSatisfying(StorageUnavailableException.class, ex -> {
                    assertThat(ex.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(ex.type().toString()).isEqualTo("https://smartlinkauto.com/problems/storage-unavailable");
                    assertThat(ex.getMessage()).doesNotContain("boom");
                });
        assertThatThrownBy(() -> client.open(UUID.randomUUID(), null)).isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> client.delete(UUID.randomUUID())).isInstanceOf(StorageUnavailableException.class);
        assertThat(meters.get(HttpStorageClient.METRIC).tags("outcome", "unavailable").timers()).hasSize(3);
    }

    @Test
    void everyCallCarriesAServiceTokenForTheController() {
        handlers.put("DELETE", exchange -> respond(exchange, 204, "application/json", ""));
        client().delete(UUID.randomUUID());
        assertThat(requests.get(0).get("authorization")).isEqualTo("Bearer token-1");
        assertThat(tokens.audiences).containsOnly("storage-controller-service");
    }

    @Test
    void aRefusedServiceTokenIsUnavailableNeverAUsers401AndTheNextCallFetchesANewToken() {
        handlers.put("DELETE", exchange -> respond(exchange, 401, "application/problem+json",
                "{\"type\":\"https://smartlinkauto.com/problems/unauthorized\",\"status\":401,"
                        + "\"detail\":\"The access token is not valid.\"}"));
        handlers.put("GET", exchange -> respond(exchange, 403, "application/problem+json",
                "{\"type\":\"https://smartlinkauto.com/problems/forbidden\",\"status\":403}"));
        HttpStorageClient client = client();
        assertThatThrownBy(() -> client.delete(UUID.randomUUID()))
                .isInstanceOfSatisfying(StorageUnavailableException.class,
                        ex -> assertThat(ex.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
        assertThatThrownBy(() -> client.open(UUID.randomUUID(), null)).isInstanceOf(StorageUnavailableException.class);
        assertThat(requests).extracting(r -> r.get("authorization")).containsExactly("Bearer token-1",
                "Bearer token-2");
    }

    @Test
    void noTokenToBeHadIsUnavailableAndNothingIsSent() {
        tokens.failing = true;
        assertThatThrownBy(() -> client().store(new java.io.ByteArrayInputStream(new byte[5]), 5, "image/png", null))
                .isInstanceOf(StorageUnavailableException.class).hasCauseInstanceOf(ServiceTokenException.class);
        assertThatThrownBy(() -> client().delete(UUID.randomUUID())).isInstanceOf(StorageUnavailableException.class);
        assertThat(requests).isEmpty();
    }

    @Test
    void otherClientErrorsKeepTheirStatusAndTheControllersDetail() {
        handlers.put("POST", exchange -> {
            exchange.getRequestBody().readAllBytes();
            respond(exchange, 413, "application/problem+json",
                    "{\"type\":\"https://smartlinkauto.com/problems/file-too-large\",\"status\":413,"
                            + "\"detail\":\"The file is larger than 16 GB.\"}");
        });
        assertThatThrownBy(() -> client().store(new java.io.ByteArrayInputStream(new byte[5]), 5, "image/png", null))
                .isInstanceOfSatisfying(ApiException.class, ex -> {
                    assertThat(ex).isNotInstanceOf(StorageUnavailableException.class);
                    assertThat(ex.status().value()).isEqualTo(413);
                    assertThat(ex.getMessage()).isEqualTo("The file is larger than 16 GB.");
                    assertThat(ex.type().toString()).endsWith("/file-too-large");
                });
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void aRefusedConnectionIsUnavailable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        StorageClientProperties properties = new StorageClientProperties("storage-controller-service", null, null,
                null, Duration.ofSeconds(1), Duration.ofSeconds(1));
        HttpStorageClient client = new HttpStorageClient(properties, () -> URI.create("http://127.0.0.1:" + port),
                null, breaker, meters, tokens);
        assertThatThrownBy(() -> client.open(UUID.randomUUID(), null)).isInstanceOf(StorageUnavailableException.class)
                .hasCauseInstanceOf(java.net.ConnectException.class);
        assertThatThrownBy(() -> client.store(new java.io.ByteArrayInputStream(new byte[3]), 3, "image/png", null))
                .isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> client.delete(UUID.randomUUID())).isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void aSilentControllerTimesOut() {
        handlers.put("GET", exchange -> {
            try {
                Thread.sleep(3000);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "text/plain", "late");
        });
        long start = System.nanoTime();
        assertThatThrownBy(() -> client(null, Duration.ofMillis(300)).open(UUID.randomUUID(), null))
                .isInstanceOf(StorageUnavailableException.class)
                .hasCauseInstanceOf(java.net.SocketTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void theCircuitOpensAfterRepeatedUnavailabilityAndThenFailsFast() {
        AtomicInteger calls = new AtomicInteger();
        handlers.put("GET", exchange -> {
            calls.incrementAndGet();
            respond(exchange, 503, "application/problem+json", "{\"status\":503}");
        });
        HttpStorageClient client = client();
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> client.open(UUID.randomUUID(), null)).isInstanceOf(StorageUnavailableException.class);
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(() -> client.open(UUID.randomUUID(), null)).isInstanceOf(StorageUnavailableException.class)
                .hasCauseInstanceOf(io.github.resilience4j.circuitbreaker.CallNotPermittedException.class);
        assertThat(calls.get()).isEqualTo(10);
        assertThat(meters.get(HttpStorageClient.METRIC).tags("operation", "open", "outcome", "circuit-open").timer()
                .count()).isOne();
    }
}
