package com.smartlinkauto.e2e;

import static com.smartlinkauto.e2e.Accounts.newAccount;
import static com.smartlinkauto.e2e.Platform.gateway;
import static com.smartlinkauto.e2e.Platform.json;
import static com.smartlinkauto.e2e.Platform.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.smartlinkauto.e2e.Accounts.Account;

import tools.jackson.databind.JsonNode;

/**
 * The storage network through the gateway only (issue #4): an admin uploads a file, reads the same bytes
 * back whole and as a range, and deletes it; nobody else may touch {@code /api/storage/**}.
 */
class StorageE2EIT {

    private static final int CHUNK = 1024 * 1024;

    @Test
    void anAdminUploadsThroughTheGatewayAndReadsTheSameBytesBack() {
        Account admin = Accounts.admin();
        Set<String> live = awaitLiveNodes(admin, 2);

        byte[] data = random(3 * CHUNK + 123_457);
        HttpResponse<String> uploaded = send(admin.as(gateway("/api/storage/files?replication=2&chunkSize=" + CHUNK
                + "&name=e2e-upload.bin"))
                .header("Content-Type", "application/octet-stream")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(data)));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        JsonNode manifest = json(uploaded);
        String fileId = manifest.path("fileId").asString();
        boolean deleted = false;
        try {
            assertThat(uploaded.headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/api/storage/files/" + fileId));
            assertThat(manifest.path("size").asLong()).isEqualTo(data.length);
            assertThat(manifest.path("sha256").asString()).isEqualTo(sha256(data));
            assertThat(manifest.path("name").asString()).isEqualTo("e2e-upload.bin");
            assertThat(manifest.path("chunkSize").asInt()).isEqualTo(CHUNK);
            assertThat(manifest.path("replication").asInt()).isEqualTo(2);
            assertThat(manifest.path("status").asString()).isEqualTo("AVAILABLE");
            assertManifestChunks(manifest, data, live);

            HttpResponse<String> stored = send(admin.as(gateway("/api/storage/files/" + fileId + "/manifest")));
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
            assertThat(json(stored).path("sha256").asString()).isEqualTo(sha256(data));
            assertManifestChunks(json(stored), data, live);

            HttpResponse<byte[]> whole = sendBytes(admin.as(gateway("/api/storage/files/" + fileId)));
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(whole.headers().firstValueAsLong("Content-Length")).hasValue(data.length);
            assertThat(whole.body()).as("the downloaded bytes").isEqualTo(data);

            // a range across the boundary of chunks 0 and 1
            int from = CHUNK - 1000;
            int to = CHUNK + 999;
            HttpResponse<byte[]> range = sendBytes(admin.as(gateway("/api/storage/files/" + fileId))
                    .header("Range", "bytes=" + from + "-" + to));
            assertThat(range.statusCode()).isEqualTo(206);
            assertThat(range.headers().firstValue("Content-Range"))
                    .hasValue("bytes " + from + "-" + to + "/" + data.length);
            assertThat(range.body()).isEqualTo(Arrays.copyOfRange(data, from, to + 1));

            HttpResponse<String> delete = send(admin.as(gateway("/api/storage/files/" + fileId)).DELETE());
            assertThat(delete.statusCode()).as(delete.body()).isEqualTo(204);
            deleted = true;

            for (String path : List.of("/api/storage/files/" + fileId, "/api/storage/files/" + fileId + "/manifest")) {
                HttpResponse<String> gone = send(admin.as(gateway(path)));
                assertThat(gone.statusCode()).as("GET %s after the delete", path).isEqualTo(404);
                assertThat(gone.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(json(gone).path("type").asString()).endsWith("/file-not-found");
            }
        }
        finally {
            if (!deleted) {
                send(admin.as(gateway("/api/storage/files/" + fileId)).DELETE());
            }
        }
    }

    @Test
    void onlyAdminsMayUseTheStorageApi() {
        Account renter = newAccount("/api/auth/register", "renter");
        List<HttpRequest.Builder> storageRoutes = List.of(
                gateway("/api/storage/files"),
                gateway("/api/storage/files?replication=1").header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(random(1000))),
                gateway("/api/storage/nodes"));
        for (HttpRequest.Builder route : storageRoutes) {
            HttpResponse<String> response = send(renter.as(route));
            assertThat(response.statusCode()).as(response.request().method() + " " + response.request().uri())
                    .isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(response).path("type").asString()).endsWith("/forbidden");
        }

        HttpResponse<String> anonymous = send(gateway("/api/storage/files"));
        assertThat(anonymous.statusCode()).as("anonymous").isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        HttpResponse<String> anonymousUpload = send(gateway("/api/storage/files")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(random(1000))));
        assertThat(anonymousUpload.statusCode()).as("anonymous upload").isEqualTo(401);
    }

    /** Every chunk in order, its id the SHA-256 of its bytes, on {@code replication} distinct live nodes. */
    private static void assertManifestChunks(JsonNode manifest, byte[] data, Set<String> liveNodes) {
        JsonNode chunks = manifest.path("chunks");
        assertThat(chunks.size()).isEqualTo((data.length + CHUNK - 1) / CHUNK);
        long offset = 0;
        int index = 0;
        for (JsonNode chunk : chunks) {
            int size = chunk.path("size").asInt();
            assertThat(chunk.path("index").asInt()).isEqualTo(index);
            assertThat(chunk.path("offset").asLong()).isEqualTo(offset);
            assertThat(size).isEqualTo((int) Math.min(CHUNK, data.length - offset));
            assertThat(chunk.path("chunkId").asString())
                    .isEqualTo(sha256(Arrays.copyOfRange(data, (int) offset, (int) offset + size)));
            List<String> replicas = new java.util.ArrayList<>();
            chunk.path("replicas").forEach(node -> replicas.add(node.asString()));
            assertThat(replicas).as("chunk %d's replicas", index).hasSize(2).doesNotHaveDuplicates();
            assertThat(liveNodes).as("live nodes").containsAll(replicas);
            offset += size;
            index++;
        }
        assertThat(offset).isEqualTo(data.length);
    }

    /** The nodes the controller sees LIVE, once at least {@code atLeast} are (they heartbeat every 3 s). */
    private static Set<String> awaitLiveNodes(Account admin, int atLeast) {
        Set<String> live = new HashSet<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> nodes = send(admin.as(gateway("/api/storage/nodes")));
            assertThat(nodes.statusCode()).as(nodes.body()).isEqualTo(200);
            live.clear();
            for (JsonNode node : json(nodes)) {
                if ("LIVE".equals(node.path("state").asString())
                        && "ACTIVE".equals(node.path("adminState").asString())) {
                    live.add(node.path("nodeId").asString());
                }
            }
            assertThat(live).as("live storage nodes").hasSizeGreaterThanOrEqualTo(atLeast);
        });
        return live;
    }

    private static HttpResponse<byte[]> sendBytes(HttpRequest.Builder request) {
        try {
            return Platform.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new SplittableRandom().nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
