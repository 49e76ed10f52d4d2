package com.smartlinkauto.storage.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.smartlinkauto.storage.StorageNodes;
import com.smartlinkauto.storage.StorageTestSupport;
import com.smartlinkauto.testsupport.security.TestTokens;

import tools.jackson.databind.JsonNode;

/**
 * The controller's node plane: only storage nodes (service tokens of storage-node-service) report in, a node id's
 * address is pinned to the node's key at its first heartbeat, a rogue heartbeat changes nothing, an admin can
 * release a dead node's key, and the nodes' own API refuses callers without a token.
 */
class NodeRegistrationIT extends StorageTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    private static String heartbeat(String nodeId, String baseUrl, String corrupt, String knownNodesVersion) {
        return heartbeat(nodeId, baseUrl, corrupt, knownNodesVersion, Instant.now());
    }

    private static String heartbeat(String nodeId, String baseUrl, String corrupt, String knownNodesVersion,
            Instant startedAt) {
        return """
                {"nodeId":"%s","zone":"a","baseUrl":"%s","vcpus":1,"memoryGb":1,"storageGb":0,
                 "bandwidthMbps":100,"capacityBytes":0,"usedBytes":0,"freeBytes":0,"chunkCount":0,
                 "activeTransfers":0,"bytesIn":0,"bytesOut":0,"corruptChunks":[%s],"startedAt":"%s"%s}"""
                .formatted(nodeId, baseUrl, corrupt == null ? "" : "\"" + corrupt + "\"", startedAt,
                        knownNodesVersion == null ? "" : ",\"knownNodesVersion\":\"" + knownNodesVersion + "\"");
    }

    private HttpResponse<String> beat(HttpRequest.Builder request, String nodeId, String key, String body) {
        if (key != null) {
            request.header("X-Node-Key", key);
        }
        return send(request.uri(URI.create(base() + "/internal/storage/nodes/" + nodeId + "/heartbeat"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A full chunk report listing nothing, sent with {@code key}. */
    private HttpResponse<String> emptyReport(String nodeId, String key) {
        return send(nodeRequest("/internal/storage/nodes/" + nodeId + "/chunks")
                .header("X-Node-Key", key).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"nodeId\":\"" + nodeId + "\",\"generatedAt\":\""
                        + Instant.now() + "\",\"chunkCount\":0,\"usedBytes\":0,\"chunks\":[]}")));
    }

    private String storedBaseUrl(String nodeId) {
        return jdbc.queryForObject("select base_url from storage_node where node_id = ?", String.class, nodeId);
    }

    private static String problemType(HttpResponse<String> response) {
        return tools.jackson.databind.json.JsonMapper.shared().readTree(response.body()).path("type").asString();
    }

    @Test
    void onlyStorageNodesReportIn() {
        String id = "it-reg-" + Long.toHexString(System.nanoTime());
        String body = heartbeat(id, "http://127.0.0.1:1", null, null);
        HttpResponse<String> anonymous = beat(HttpRequest.newBuilder(), id, newNodeKey(), body);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(beat(request("/"), id, newNodeKey(), body).statusCode()).as("an admin's token").isEqualTo(401);
        HttpResponse<String> otherService = beat(serviceRequest("vehicle-service", "/"), id, newNodeKey(), body);
        assertThat(otherService.statusCode()).as("another service's token").isEqualTo(403);
        assertThat(problemType(otherService)).endsWith("/forbidden");
        assertThat(send(serviceRequest("vehicle-service", "/internal/storage/nodes").GET()).statusCode()).isEqualTo(403);
        assertThat(send(request("/api/storage/nodes/" + id).GET()).statusCode()).as("nothing registered").isEqualTo(404);

        HttpResponse<String> noKey = beat(nodeRequest("/"), id, null, body);
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(problemType(noKey)).endsWith("/node-key-required");
        assertThat(send(request("/api/storage/nodes/" + id).GET()).statusCode()).isEqualTo(404);

        assertThat(beat(nodeRequest("/"), id, newNodeKey(), body).statusCode()).isEqualTo(200);
        assertThat(send(request("/api/storage/nodes/" + id).GET()).statusCode()).isEqualTo(200);
    }

    @Test
    void aRogueHeartbeatForARegisteredNodeIsRefusedAndChangesNothing() {
        // a file whose chunks have a copy on every shared node
        JsonNode manifest = upload(random(200_000, 808), "replication=3");
        JsonNode chunk = manifest.path("chunks").get(0);
        String chunkId = chunk.path("chunkId").asString();
        StorageNodes.Node victim = StorageNodes.get(chunk.path("replicas").get(0).asString());
        String address = storedBaseUrl(victim.id);
        assertThat(address).isEqualTo(victim.url());
        int copies = replicasOn(victim.id, chunkId);
        assertThat(copies).isOne();
        double rejectedBefore = rejected();

        String rogue = heartbeat(victim.id, "http://127.0.0.1:6666", chunkId, null);
        for (String key : new String[] { null, newNodeKey(), "not-a-key" }) {
            HttpResponse<String> refused = beat(nodeRequest("/"), victim.id, key, rogue);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(problemType(refused)).endsWith("/node-key-mismatch");
            assertThat(refused.body()).doesNotContain(victim.nodeKey());
        }
        // the full report path is pinned the same way: an empty report would otherwise drop every copy
        HttpResponse<String> report = emptyReport(victim.id, newNodeKey());
        assertThat(report.statusCode()).isEqualTo(403);

        assertThat(storedBaseUrl(victim.id)).as("the node was not moved").isEqualTo(address);
        assertThat(replicasOn(victim.id, chunkId)).as("its corruptChunks were ignored").isOne();
        assertThat(rejected() - rejectedBefore).isEqualTo(4);
        // and the real node still reports in with its own key
        awaitLive(victim.id);
        assertThat(beat(nodeRequest("/"), victim.id, victim.nodeKey(),
                heartbeat(victim.id, victim.url(), null, null)).statusCode()).isEqualTo(200);
    }

    @Test
    void heartbeatAnswersCarryTheRegisteredNodesWhenTheNodesListIsOutOfDate() {
        String id = "it-list-" + Long.toHexString(System.nanoTime());
        String key = newNodeKey();
        HttpResponse<String> first = beat(nodeRequest("/"), id, key, heartbeat(id, "http://127.0.0.1:2", null, null));
        JsonNode answer = json.readTree(first.body());
        assertThat(answer.path("requestFullReport").asBoolean()).isTrue();
        List<String> urls = answer.path("nodes").valueStream().map(n -> n.path("baseUrl").asString()).toList();
        assertThat(urls).contains("http://127.0.0.1:2").containsAll(nodes.stream().map(StorageNodes.Node::url).toList());
        String version = answer.path("nodesVersion").asString();
        assertThat(version).isNotBlank();

        JsonNode unchanged = json.readTree(beat(nodeRequest("/"), id, key,
                heartbeat(id, "http://127.0.0.1:2", null, version)).body());
        assertThat(unchanged.path("nodesVersion").asString()).isEqualTo(version);
        assertThat(unchanged.has("nodes")).as("no list when the node has the current one").isFalse();

        HttpResponse<String> list = send(nodeRequest("/internal/storage/nodes").GET());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(json.readTree(list.body()).path("nodesVersion").asString()).isEqualTo(version);
    }

    /**
     * A node's start time has nanoseconds (its clock), the database keeps microseconds: the same process must not
     * look restarted at every heartbeat. It did: every heartbeat of every node asked for a full chunk report, so
     * each node sent its whole chunk list every 2 s (measured on an idle platform: 45 reports in 30 s).
     */
    @Test
    void aNodeIsAskedForItsFullReportWhenItJoinsOrRestartsNotAtEveryHeartbeat() {
        String id = "it-report-" + Long.toHexString(System.nanoTime());
        String key = newNodeKey();
        String url = "http://127.0.0.1:3";
        Instant started = Instant.parse("2026-12-07T12:00:00.123456789Z");
        JsonNode first = json.readTree(beat(nodeRequest("/"), id, key, heartbeat(id, url, null, null, started)).body());
        assertThat(first.path("requestFullReport").asBoolean()).as("a new node").isTrue();
        HttpResponse<String> report = emptyReport(id, key);
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);

        for (int i = 0; i < 3; i++) {
            JsonNode next = json.readTree(beat(nodeRequest("/"), id, key, heartbeat(id, url, null, null, started))
                    .body());
            assertThat(next.path("requestFullReport").asBoolean()).as("heartbeat %d of the same process", i + 2)
                    .isFalse();
        }
        assertThat(jdbc.queryForObject("select started_at from storage_node where node_id = ?", java.sql.Timestamp.class,
                id).toInstant()).isEqualTo(Instant.parse("2026-12-07T12:00:00.123456Z"));

        JsonNode restarted = json.readTree(beat(nodeRequest("/"), id, key,
                heartbeat(id, url, null, null, started.plusNanos(1_000))).body());
        assertThat(restarted.path("requestFullReport").asBoolean()).as("the node restarted").isTrue();
    }

    @Test
    void anAdminCanReleaseTheKeyOfADeadNodeSoThatItsRebuiltSuccessorCanRegister() {
        String id = "it-lost-" + Long.toHexString(System.nanoTime());
        String oldKey = newNodeKey();
        assertThat(beat(nodeRequest("/"), id, oldKey, heartbeat(id, "http://127.0.0.1:3", null, null)).statusCode())
                .isEqualTo(200);
        HttpResponse<String> whileLive = send(request("/api/storage/nodes/" + id + "/reset-key")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(whileLive.statusCode()).isEqualTo(409);
        HttpResponse<String> notAdmin = send(HttpRequest.newBuilder(URI.create(base() + "/api/storage/nodes/" + id
                + "/reset-key")).header("Authorization", "Bearer " + TestTokens.token("PARTNER"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(notAdmin.statusCode()).isEqualTo(403);

        await("node dead").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> getJson("/api/storage/nodes/" + id).path("state").asString().equals("DEAD"));
        String newKey = newNodeKey();
        String moved = heartbeat(id, "http://127.0.0.1:4", null, null);
        assertThat(beat(nodeRequest("/"), id, newKey, moved).statusCode()).as("still pinned").isEqualTo(403);

        HttpResponse<String> reset = send(request("/api/storage/nodes/" + id + "/reset-key")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        assertThat(beat(nodeRequest("/"), id, newKey, moved).statusCode()).isEqualTo(200);
        assertThat(storedBaseUrl(id)).isEqualTo("http://127.0.0.1:4");
        assertThat(beat(nodeRequest("/"), id, oldKey, heartbeat(id, "http://127.0.0.1:3", null, null)).statusCode())
                .as("the old key is no longer the node's").isEqualTo(403);
    }

    @Test
    void aNodeRegisteredBeforeKeysExistedHasTheKeyOfItsNextHeartbeatPinned() {
        String id = "it-legacy-" + Long.toHexString(System.nanoTime());
        beat(nodeRequest("/"), id, newNodeKey(), heartbeat(id, "http://127.0.0.1:5", null, null));
        jdbc.update("update storage_node set key_hash = null, key_pinned_at = null where node_id = ?", id);
        String key = newNodeKey();
        assertThat(beat(nodeRequest("/"), id, key, heartbeat(id, "http://127.0.0.1:5", null, null)).statusCode())
                .isEqualTo(200);
        assertThat(beat(nodeRequest("/"), id, newNodeKey(), heartbeat(id, "http://127.0.0.1:5", null, null))
                .statusCode()).isEqualTo(403);
        assertThat(jdbc.queryForObject("select key_hash from storage_node where node_id = ?", String.class, id))
                .as("a hash, never the key").hasSize(64).isNotEqualTo(key);
    }

    @Test
    void theNodesOwnApiRefusesCallersWithoutAServiceTokenForTheNodes() throws Exception {
        StorageNodes.Node node = nodes.get(1);
        String chunkId = "0".repeat(64);
        for (String authorization : new String[] { null, "Bearer " + TestTokens.admin(),
                "Bearer " + TestTokens.service("vehicle-service", "storage-controller-service") }) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url() + "/chunks/" + chunkId))
                    .timeout(Duration.ofSeconds(10)).DELETE();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            assertThat(send(request).statusCode()).isEqualTo(401);
        }
        assertThat(node.chunkStatus(chunkId)).as("with the controller's token").isEqualTo(404);
    }

    private int replicasOn(String nodeId, String chunkId) {
        return jdbc.queryForObject("select count(*) from chunk_replica where node_id = ? and chunk_id = ? "
                + "and status = 'COMPLETED'", Integer.class, nodeId, chunkId);
    }

    private double rejected() {
        String metrics = send(HttpRequest.newBuilder(URI.create(base() + "/actuator/prometheus")).GET()).body();
        return metrics.lines().filter(line -> line.startsWith("smartlink_storage_node_events_total")
                        && line.contains("event=\"key-rejected\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
