package com.smartlinkauto.storage;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.smartlinkauto.testsupport.security.TestTokens;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * Base of the controller's ITs: three shared real nodes (zones a, b, c) registered and live before each
 * test, and an HTTP client speaking to the controller as an admin.
 */
@StorageControllerIT
public abstract class StorageTestSupport {

    protected static final int SHARED_NODES = 3;
    protected static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JsonMapper json;

    protected List<StorageNodes.Node> nodes;

    @BeforeEach
    void sharedNodesLive() {
        nodes = StorageNodes.ensure(port, SHARED_NODES);
        awaitLive(nodes.stream().map(node -> node.id).toArray(String[]::new));
    }

    protected void awaitLive(String... nodeIds) {
        await("nodes live at the controller").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    JsonNode all = getJson("/api/storage/nodes");
                    for (String id : nodeIds) {
                        boolean live = false;
                        for (JsonNode node : all) {
                            live |= node.path("nodeId").asString().equals(id) && node.path("state").asString().equals("LIVE")
                                    && node.path("adminState").asString().equals("ACTIVE");
                        }
                        if (!live) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    protected String base() {
        return "http://127.0.0.1:" + port;
    }

    /** A request to the controller as a storage node makes it: storage-node-service's service token. */
    protected HttpRequest.Builder nodeRequest(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofMinutes(1))
                .header("Authorization", "Bearer " + TestTokens.service("storage-node-service",
                        "storage-controller-service"));
    }

    /** A request to the controller as another service makes it (its service token for the controller). */
    protected HttpRequest.Builder serviceRequest(String client, String path) {
        return HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + TestTokens.service(client, "storage-controller-service"));
    }

    /** A fresh node key (64 hex digits), as a node generates one. */
    protected static String newNodeKey() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    protected HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofMinutes(3))
                .header("Authorization", "Bearer " + TestTokens.admin());
    }

    protected HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    protected HttpResponse<byte[]> sendBytes(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    protected JsonNode getJson(String path) {
        HttpResponse<String> response = send(request(path).GET());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " → " + response.statusCode() + " " + response.body());
        }
        return json.readTree(response.body());
    }

    /** POST /api/storage/files with a raw body; the response as is. */
    protected HttpResponse<String> uploadRaw(byte[] data, String query) {
        return send(request("/api/storage/files" + (query == null ? "" : "?" + query))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(data)));
    }

    /** Uploads and expects 201; the manifest. */
    protected JsonNode upload(byte[] data, String query) {
        HttpResponse<String> response = uploadRaw(data, query);
        if (response.statusCode() != 201) {
            throw new AssertionError("upload → " + response.statusCode() + " " + response.body());
        }
        return json.readTree(response.body());
    }

    protected HttpResponse<byte[]> download(String fileId, String range) {
        HttpRequest.Builder request = request("/api/storage/files/" + fileId).GET();
        if (range != null) {
            request.header("Range", range);
        }
        return sendBytes(request);
    }

    protected JsonNode manifest(String fileId) {
        return getJson("/api/storage/files/" + fileId + "/manifest");
    }

    protected static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }
}
