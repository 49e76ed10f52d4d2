package com.smartlinkauto.testsupport.storage;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.smartlinkauto.storageclient.HttpStorageClient;
import com.smartlinkauto.testsupport.security.TestTokens;
import com.smartlinkauto.storageclient.StorageClient;
import com.smartlinkauto.storageclient.StorageClientProperties;
import com.smartlinkauto.storageclient.StorageDownload;
import com.smartlinkauto.storageclient.StorageUnavailableException;
import com.smartlinkauto.storageclient.StoredFile;
import com.smartlinkauto.storageclient.StoredFileNotFoundException;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stand-in answers the real storage client as the controller would. */
class InMemoryStorageServerTest {

    private final InMemoryStorageServer server = new InMemoryStorageServer();
    private StorageClient client;

    @BeforeEach
    void start() {
        server.start();
        StorageClientProperties properties = new StorageClientProperties("storage-controller-service",
                server.baseUrl(), null, null, Duration.ofSeconds(2), Duration.ofSeconds(10));
        client = new HttpStorageClient(properties, () -> URI.create(server.baseUrl()), "it-service",
                CircuitBreaker.ofDefaults("storage"), new SimpleMeterRegistry(), TestTokens.serviceTokens("it-service"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void storeOpenRangeDelete() throws Exception {
        byte[] data = new byte[5 * 1024 * 1024 + 3];
        new Random(3).nextBytes(data);
        StoredFile stored = client.store(new ByteArrayInputStream(data), data.length, "image/webp", "car \"1\".webp");
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        assertThat(stored.size()).isEqualTo(data.length);
        assertThat(stored.sha256()).isEqualTo(sha256);
        assertThat(stored.contentType()).isEqualTo("image/webp");
        assertThat(server.fileCount()).isOne();
        assertThat(server.bytes(stored.fileId())).isEqualTo(data);
        assertThat(server.file(stored.fileId()).orElseThrow().owner()).isEqualTo("it-service");
        assertThat(server.file(stored.fileId()).orElseThrow().name()).isEqualTo("car \"1\".webp");

        try (StorageDownload download = client.open(stored.fileId(), null)) {
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.contentType()).isEqualTo("image/webp");
            assertThat(download.contentLength()).isEqualTo(data.length);
            assertThat(download.etag()).isEqualTo("\"" + sha256 + "\"");
            assertThat(download.body().readAllBytes()).isEqualTo(data);
        }
        try (StorageDownload range = client.open(stored.fileId(), "bytes=-10")) {
            assertThat(range.status()).isEqualTo(206);
            assertThat(range.contentRange()).isEqualTo("bytes " + (data.length - 10) + "-" + (data.length - 1) + "/"
                    + data.length);
            assertThat(range.body().readAllBytes()).hasSize(10);
        }
        assertThatThrownBy(() -> client.open(stored.fileId(), "bytes=" + data.length + "-"))
                .isInstanceOfSatisfying(com.smartlinkauto.servicedefaults.problem.ApiException.class,
                        ex -> assertThat(ex.status().value()).isEqualTo(416));

        client.delete(stored.fileId());
        assertThat(server.fileCount()).isZero();
        client.delete(stored.fileId());
        assertThatThrownBy(() -> client.open(stored.fileId(), null)).isInstanceOf(StoredFileNotFoundException.class);
    }

    @Test
    void manifestAndProblemShapes() throws Exception {
        StoredFile stored = client.store(new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)), 5,
                "text/plain", null);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> manifest = http.send(authorized(
                URI.create(server.baseUrl() + "/internal/storage/files/" + stored.fileId() + "/manifest")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(manifest.body()).contains("\"fileId\":\"" + stored.fileId() + "\"", "\"size\":5",
                "\"status\":\"AVAILABLE\"", "\"chunks\":[{\"index\":0,");
        HttpResponse<String> unknown = http.send(authorized(
                URI.create(server.baseUrl() + "/internal/storage/files/" + UUID.randomUUID())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(unknown.body()).contains("\"type\":\"https://smartlinkauto.com/problems/file-not-found\"");
        HttpResponse<String> elsewhere = http.send(authorized(URI.create(server.baseUrl() + "/api/x"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).isEqualTo(404);
    }

    private static HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization",
                "Bearer " + TestTokens.service("it-service", InMemoryStorageServer.AUDIENCE));
    }

    @Test
    void likeTheControllerItTakesOnlyAServiceTokenForTheController() throws Exception {
        StoredFile stored = client.store(new ByteArrayInputStream(new byte[3]), 3, "image/png", null);
        URI file = URI.create(server.baseUrl() + "/internal/storage/files/" + stored.fileId());
        HttpClient http = HttpClient.newHttpClient();
        for (String authorization : new String[] { null, "Bearer " + TestTokens.admin(),
                "Bearer " + TestTokens.service("it-service", "vehicle-service"),
                "Bearer " + TestTokens.service("it-service", java.util.List.of(InMemoryStorageServer.AUDIENCE), "openid",
                        java.time.Duration.ofMinutes(5)),
                "Bearer " + TestTokens.service("it-service", java.util.List.of(InMemoryStorageServer.AUDIENCE),
                        "internal", java.time.Duration.ofMinutes(-5)) }) {
            HttpRequest.Builder request = HttpRequest.newBuilder(file).DELETE();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> refused = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
            assertThat(refused.body()).contains("/problems/unauthorized");
        }
        assertThat(server.contains(stored.fileId())).isTrue();
        assertThat(server.refusedRequests()).isEqualTo(5);
        assertThat(server.callers()).containsOnly("it-service");
    }

    @Test
    void aSimulatedOutageIsUnavailable() {
        server.failWith(503);
        assertThatThrownBy(() -> client.store(new ByteArrayInputStream(new byte[3]), 3, "image/png", null))
                .isInstanceOf(StorageUnavailableException.class);
        server.recover();
        assertThat(client.store(new ByteArrayInputStream(new byte[3]), 3, "image/png", null).size()).isEqualTo(3);
    }
}
