package com.smartlinkauto.storage.transfer;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.smartlinkauto.storage.StorageEvents;
import com.smartlinkauto.storage.StorageNodes;
import com.smartlinkauto.storage.StorageTestSupport;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Transfers between real nodes: through a relay when the direct link is missing or slower, MOVE and COPY,
 * chunks the target already holds, and bad requests that change nothing.
 */
class TransferIT extends StorageTestSupport {

    private static final int CHUNK = 64 * 1024;

    @Value("${spring.kafka.bootstrap-servers}")
    String kafka;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AbandonedTransfers abandoned;

    @BeforeEach
    @AfterEach
    void noLinks() {
        for (JsonNode link : list(getJson("/api/storage/links"))) {
            send(request("/api/storage/links?nodeA=" + link.path("nodeA").asString() + "&nodeB="
                    + link.path("nodeB").asString()).DELETE());
        }
    }

    @Test
    void withoutADirectLinkTheChunksGoThroughARelayAndAMoveLeavesTheSourceWithoutThem() {
        byte[] data = random(6 * CHUNK + 1000, 9101);
        JsonNode manifest = upload(data, "replication=1&chunkSize=" + CHUNK);
        String fileId = manifest.path("fileId").asString();
        String source = manifest.path("chunks").get(0).path("replicas").get(0).asString();
        List<JsonNode> moved = chunksOn(manifest, source);
        List<String> others = placeableExcept(source);
        String target = others.get(0);
        String relay = others.get(1);
        link(source, relay, 1000);
        link(relay, target, 1000);
        // in LINKS mode the only path is source → relay → target

        HttpResponse<String> accepted = postTransfer(fileId, source, target, null);

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode transfer = json.readTree(accepted.body());
        String transferId = transfer.path("transferId").asString();
        assertThat(accepted.headers().firstValue("Location")).hasValue("/api/storage/transfers/" + transferId);
        assertThat(transfer.path("mode").asString()).isEqualTo("MOVE");
        assertThat(transfer.path("fileId").asString()).isEqualTo(fileId);
        assertThat(transfer.path("sourceNodeId").asString()).isEqualTo(source);
        assertThat(transfer.path("targetNodeId").asString()).isEqualTo(target);
        assertThat(strings(transfer.path("route"))).containsExactly(source, relay, target);
        assertThat(transfer.path("bottleneckMbps").asInt()).isPositive();
        assertThat(transfer.path("status").asString()).isIn("PENDING", "IN_PROGRESS", "COMPLETED");
        assertThat(transfer.path("chunks").size()).isEqualTo(moved.size());
        assertThat(transfer.path("createdAt").asString()).isNotBlank();

        JsonNode done = awaitFinished(transferId);

        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("COMPLETED");
        assertThat(done.path("error").isNull()).isTrue();
        assertThat(done.path("startedAt").asString()).isNotBlank();
        assertThat(Instant.parse(done.path("finishedAt").asString()))
                .isAfterOrEqualTo(Instant.parse(done.path("startedAt").asString()));
        long bytes = 0;
        for (JsonNode chunk : done.path("chunks")) {
            JsonNode original = moved.stream().filter(m -> m.path("index").asInt() == chunk.path("index").asInt())
                    .findFirst().orElseThrow();
            String chunkId = chunk.path("chunkId").asString();
            assertThat(chunkId).isEqualTo(original.path("chunkId").asString());
            assertThat(chunk.path("status").asString()).isEqualTo("COMPLETED");
            assertThat(chunk.path("attempts").asInt()).isEqualTo(1);
            assertThat(chunk.path("bytes").asLong()).isEqualTo(original.path("size").asLong());
            assertThat(chunk.path("durationMs").asLong()).isNotNegative();
            // the route the source node reported for the copy
            assertThat(strings(chunk.path("route"))).containsExactly(source, relay, target);
            // the bytes are on the target, verified by the node itself; not kept on the relay; gone from the source
            HttpResponse<byte[]> onTarget = chunkFrom(target, chunkId);
            assertThat(onTarget.statusCode()).isEqualTo(200);
            int offset = original.path("offset").asInt();
            assertThat(onTarget.body()).isEqualTo(Arrays.copyOfRange(data, offset, offset + original.path("size").asInt()));
            assertThat(StorageNodes.get(relay).chunkStatus(chunkId)).isEqualTo(404);
            assertThat(StorageNodes.get(source).chunkStatus(chunkId)).isEqualTo(404);
            bytes += chunk.path("bytes").asLong();
        }
        assertThat(done.path("bytes").asLong()).isEqualTo(bytes);
        assertThat(done.path("completedChunks").asInt()).isEqualTo(moved.size());

        // the map agrees: each moved chunk is on the target instead of the source, replication unchanged
        JsonNode after = manifest(fileId);
        for (JsonNode chunk : after.path("chunks")) {
            boolean wasMoved = moved.stream().anyMatch(m -> m.path("index").asInt() == chunk.path("index").asInt());
            if (wasMoved) {
                assertThat(strings(chunk.path("replicas"))).containsExactly(target);
            }
            else {
                assertThat(strings(chunk.path("replicas"))).as("untouched")
                        .isEqualTo(strings(manifest.path("chunks").get(chunk.path("index").asInt()).path("replicas")));
            }
        }
        assertThat(download(fileId, null).body()).isEqualTo(data);

        String firstMoved = moved.get(0).path("chunkId").asString();
        JsonNode event = StorageEvents.await(kafka, json, e -> e.path("type").asString().equals("ChunkReplicated")
                && e.path("aggregateId").asString().equals(firstMoved)
                && e.path("payload").path("reason").asString().equals("TRANSFER"));
        assertThat(event.path("payload").path("sourceNodeId").asString()).isEqualTo(source);
        assertThat(event.path("payload").path("targetNodeId").asString()).isEqualTo(target);
        assertThat(event.path("payload").path("liveReplicas").asInt()).isEqualTo(1);

        JsonNode page = getJson("/api/storage/transfers?size=200");
        JsonNode listed = list(page.path("items")).stream()
                .filter(item -> item.path("transferId").asString().equals(transferId)).findFirst().orElseThrow();
        assertThat(listed.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(listed.has("chunks")).as("list items leave the chunks out").isFalse();
        assertThat(page.path("total").asLong()).isPositive();
    }

    @Test
    void aRelayFasterThanTheDirectLinkIsPreferredAndACopyKeepsTheSourceUntilTheSurplusIsTrimmed() {
        byte[] data = random(3 * CHUNK, 9102);
        JsonNode manifest = upload(data, "replication=1&chunkSize=" + CHUNK);
        String fileId = manifest.path("fileId").asString();
        String source = manifest.path("chunks").get(0).path("replicas").get(0).asString();
        List<String> others = placeableExcept(source);
        String target = others.get(0);
        String relay = others.get(1);
        link(source, target, 5);
        link(source, relay, 1000);
        link(relay, target, 1000);

        JsonNode transfer = json.readTree(postTransfer(fileId, source, target, "COPY").body());

        assertThat(strings(transfer.path("route"))).containsExactly(source, relay, target);
        assertThat(transfer.path("bottleneckMbps").asInt()).isGreaterThan(5);
        JsonNode done = awaitFinished(transfer.path("transferId").asString());
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("COMPLETED");
        assertThat(done.path("mode").asString()).isEqualTo("COPY");
        for (JsonNode chunk : done.path("chunks")) {
            assertThat(strings(chunk.path("route"))).containsExactly(source, relay, target);
            assertThat(chunk.path("status").asString()).isEqualTo("COMPLETED");
            // the bytes arrived (the copy itself may already be trimmed again: see below)
            assertThat(chunk.path("bytes").asLong()).isEqualTo(chunk.path("size").asLong());
        }
        // two copies for replication 1: the replication monitor removes one (from the fuller node)
        await("surplus copies trimmed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    for (JsonNode chunk : manifest(fileId).path("chunks")) {
                        assertThat(strings(chunk.path("replicas"))).hasSize(1);
                    }
                });
        assertThat(download(fileId, null).body()).isEqualTo(data);
    }

    @Test
    void chunksTheTargetAlreadyHoldsCompleteAtOnceAndStayOnTheSource() {
        byte[] data = random(8 * CHUNK, 9103);
        JsonNode manifest = upload(data, "replication=2&chunkSize=" + CHUNK);
        String fileId = manifest.path("fileId").asString();
        List<String> pair = strings(manifest.path("chunks").get(0).path("replicas"));
        String source = pair.get(0);
        String target = pair.get(1);
        List<JsonNode> onSource = chunksOn(manifest, source);
        Set<String> alreadyOnTarget = new HashSet<>();
        for (JsonNode chunk : onSource) {
            if (strings(chunk.path("replicas")).contains(target)) {
                alreadyOnTarget.add(chunk.path("chunkId").asString());
            }
        }

        JsonNode transfer = json.readTree(postTransfer(fileId, source, target, "MOVE").body());
        for (JsonNode chunk : transfer.path("chunks")) {
            if (alreadyOnTarget.contains(chunk.path("chunkId").asString())) {
                assertThat(chunk.path("status").asString()).isEqualTo("COMPLETED");
                assertThat(chunk.path("bytes").asLong()).isZero();
                assertThat(chunk.path("attempts").asInt()).isZero();
            }
        }
        JsonNode done = awaitFinished(transfer.path("transferId").asString());

        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("COMPLETED");
        assertThat(strings(done.path("route"))).containsExactly(source, target);   // mesh: the direct link
        for (JsonNode chunk : done.path("chunks")) {
            String chunkId = chunk.path("chunkId").asString();
            boolean held = alreadyOnTarget.contains(chunkId);
            assertThat(chunk.path("bytes").asLong()).isEqualTo(held ? 0 : chunk.path("size").asLong());
            assertThat(StorageNodes.get(target).chunkStatus(chunkId)).isEqualTo(200);
            // a chunk the target already had was not copied, so the source keeps its copy
            assertThat(StorageNodes.get(source).chunkStatus(chunkId)).isEqualTo(held ? 200 : 404);
        }
        for (JsonNode chunk : manifest(fileId).path("chunks")) {
            assertThat(strings(chunk.path("replicas"))).as("replication stays 2").hasSize(2);
        }
        assertThat(download(fileId, null).body()).isEqualTo(data);
    }

    @Test
    void badRequestsAreProblemsAndChangeNothing() throws Exception {
        byte[] data = random(2 * CHUNK, 9104);
        JsonNode manifest = upload(data, "replication=1&chunkSize=" + CHUNK);
        String fileId = manifest.path("fileId").asString();
        String source = manifest.path("chunks").get(0).path("replicas").get(0).asString();
        List<String> others = placeableExcept(source);
        String target = others.get(0);
        String unrelated = others.get(1);
        String emptyHanded = others.stream().filter(node -> chunksOn(manifest, node).isEmpty()).findFirst().orElse(null);
        String ghost = staleGhostNode();
        long transfersBefore = getJson("/api/storage/transfers?size=1").path("total").asLong();
        String manifestBefore = manifest(fileId).path("chunks").toString();

        expect(400, "validation", raw("{\"fileId\":\"" + fileId + "\",\"sourceNodeId\":\"" + source
                + "\",\"targetNodeId\":\"" + target + "\",\"priority\":1}"));
        expect(400, "validation", raw("{\"sourceNodeId\":\"" + source + "\",\"targetNodeId\":\"" + target + "\"}"));
        expect(400, "validation", raw("{\"fileId\":\"" + fileId + "\",\"sourceNodeId\":\"\",\"targetNodeId\":\"" + target
                + "\"}"));
        expect(400, "malformed-request", raw("{\"fileId\":\"not-a-uuid\",\"sourceNodeId\":\"" + source
                + "\",\"targetNodeId\":\"" + target + "\"}"));
        expect(400, "malformed-request", postTransfer(fileId, source, target, "TELEPORT"));
        expect(400, "malformed-request", raw("nonsense"));
        expect(400, "validation", postTransfer(fileId, source, source, null));
        expect(404, "file-not-found", postTransfer("7f1c3f7e-0000-4000-8000-000000000001", source, target, null));
        expect(404, "node-not-found", postTransfer(fileId, source, "no-such-node", null));
        expect(404, "node-not-found", postTransfer(fileId, "no-such-node", target, null));
        expect(409, "illegal-node-state", postTransfer(fileId, source, ghost, null));
        expect(409, "illegal-node-state", postTransfer(fileId, ghost, target, null));
        if (emptyHanded != null) {
            expect(409, "nothing-to-transfer", postTransfer(fileId, emptyHanded, source, null));
        }
        link(target, unrelated, 100);   // LINKS mode: the source is connected to nothing
        expect(409, "no-route", postTransfer(fileId, source, target, null));
        expect(404, "transfer-not-found", send(request("/api/storage/transfers/7f1c3f7e-0000-4000-8000-000000000002").GET()));
        expect(400, "validation", send(request("/api/storage/transfers?size=0").GET()));

        assertThat(getJson("/api/storage/transfers?size=1").path("total").asLong()).isEqualTo(transfersBefore);
        assertThat(manifest(fileId).path("chunks").toString()).isEqualTo(manifestBefore);
        HttpResponse<String> renter = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/storage/transfers"))
                .header("Authorization", "Bearer " + com.smartlinkauto.testsupport.security.TestTokens.token("RENTER"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(fileId, source, target, null))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(renter.statusCode()).isEqualTo(403);
    }

    @Test
    void aTransferWithoutProgressForTenMinutesIsFailedAndAFreshOneIsNot() {
        UUID stuck = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        for (UUID id : List.of(stuck, fresh)) {
            String age = id.equals(stuck) ? "11 minutes" : "1 minute";
            jdbc.sql("""
                    insert into transfer (transfer_id, file_id, source_node_id, target_node_id, mode, status, route,
                        bottleneck_mbps, created_at, started_at)
                    values (?, ?, 'it-gone-a', 'it-gone-b', 'MOVE', 'IN_PROGRESS', array['it-gone-a', 'it-gone-b'], 100,
                        now() - cast(? as interval), now() - cast(? as interval))""")
                    .params(id, UUID.randomUUID(), age, age).update();
            jdbc.sql("""
                    insert into transfer_chunk (transfer_id, chunk_index, chunk_id, size, status, attempts, updated_at)
                    values (?, 0, ?, 10, 'IN_PROGRESS', 1, now() - cast(? as interval)),
                           (?, 1, ?, 10, 'COMPLETED', 1, now() - cast(? as interval))""")
                    .params(id, "0".repeat(64), age, id, "1".repeat(64), age).update();
        }
        try {
            await("abandoned transfer failed").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        abandoned.failAbandoned();   // skipped while the scheduled run holds the lock
                        return getJson("/api/storage/transfers/" + stuck).path("status").asString().equals("FAILED");
                    });
            JsonNode failed = getJson("/api/storage/transfers/" + stuck);
            assertThat(failed.path("error").asString()).contains("1 of 2 chunks failed").contains("abandoned");
            assertThat(failed.path("finishedAt").asString()).isNotBlank();
            assertThat(failed.path("chunks").get(0).path("status").asString()).isEqualTo("FAILED");
            assertThat(failed.path("chunks").get(1).path("status").asString()).isEqualTo("COMPLETED");
            assertThat(getJson("/api/storage/transfers/" + fresh).path("status").asString()).isEqualTo("IN_PROGRESS");
            assertThat(getJson("/api/storage/transfers?status=IN_PROGRESS&size=200").path("items").toString())
                    .contains(fresh.toString()).doesNotContain(stuck.toString());
        }
        finally {
            jdbc.sql("delete from transfer where transfer_id in (?, ?)").params(stuck, fresh).update();
        }
    }

    // ------------------------------------------------------------------ helpers

    private HttpResponse<String> postTransfer(String fileId, String source, String target, String mode) {
        return raw(body(fileId, source, target, mode));
    }

    private static String body(String fileId, String source, String target, String mode) {
        return "{\"fileId\":\"" + fileId + "\",\"sourceNodeId\":\"" + source + "\",\"targetNodeId\":\"" + target + "\""
                + (mode == null ? "" : ",\"mode\":\"" + mode + "\"") + "}";
    }

    private HttpResponse<String> raw(String body) {
        return send(request("/api/storage/transfers").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private void expect(int status, String slug, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asString()).isEqualTo("https://smartlinkauto.com/problems/" + slug);
    }

    private void link(String a, String b, int mbps) {
        HttpResponse<String> response = send(request("/api/storage/links").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"nodeA\":\"" + a + "\",\"nodeB\":\"" + b + "\",\"bandwidthMbps\":" + mbps + "}")));
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    }

    private JsonNode awaitFinished(String transferId) {
        JsonNode[] last = new JsonNode[1];
        await("transfer " + transferId + " finished").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    last[0] = getJson("/api/storage/transfers/" + transferId);
                    String status = last[0].path("status").asString();
                    return status.equals("COMPLETED") || status.equals("FAILED");
                });
        return last[0];
    }

    /** Running nodes that are LIVE and ACTIVE at the controller, other than the one given. */
    private List<String> placeableExcept(String except) {
        List<String> ids = new ArrayList<>();
        for (JsonNode node : getJson("/api/storage/nodes")) {
            String id = node.path("nodeId").asString();
            StorageNodes.Node process = StorageNodes.get(id);
            if (!id.equals(except) && process != null && process.running() && node.path("state").asString().equals("LIVE")
                    && node.path("adminState").asString().equals("ACTIVE")) {
                ids.add(id);
            }
        }
        assertThat(ids).as("live nodes besides " + except).hasSizeGreaterThanOrEqualTo(2);
        return ids;
    }

    /** A node known to the controller that sent one heartbeat and then fell silent: STALE, then DEAD. */
    private String staleGhostNode() {
        String id = "it-ghost-" + Long.toHexString(System.nanoTime());
        String heartbeat = """
                {"nodeId":"%s","zone":"a","baseUrl":"http://127.0.0.1:1","vcpus":1,"memoryGb":1,"storageGb":0,
                 "bandwidthMbps":100,"capacityBytes":0,"usedBytes":0,"freeBytes":0,"chunkCount":0,"activeTransfers":0,
                 "bytesIn":0,"bytesOut":0,"startedAt":"%s"}""".formatted(id, Instant.now());
        HttpResponse<String> response = send(nodeRequest("/internal/storage/nodes/" + id + "/heartbeat")
                .header("X-Node-Key", newNodeKey())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(heartbeat)));
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        await("ghost node not live").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> !getJson("/api/storage/nodes/" + id).path("state").asString().equals("LIVE"));
        return id;
    }

    private HttpResponse<byte[]> chunkFrom(String nodeId, String chunkId) {
        return sendBytes(HttpRequest.newBuilder(URI.create(StorageNodes.get(nodeId).url() + "/chunks/" + chunkId))
                .header("Authorization", "Bearer " + StorageNodes.controllerToken())
                .timeout(Duration.ofSeconds(30)).GET());
    }

    private static List<JsonNode> chunksOn(JsonNode manifest, String nodeId) {
        List<JsonNode> chunks = new ArrayList<>();
        for (JsonNode chunk : manifest.path("chunks")) {
            if (strings(chunk.path("replicas")).contains(nodeId)) {
                chunks.add(chunk);
            }
        }
        return chunks;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> values = new ArrayList<>();
        array.forEach(values::add);
        return values;
    }
}
