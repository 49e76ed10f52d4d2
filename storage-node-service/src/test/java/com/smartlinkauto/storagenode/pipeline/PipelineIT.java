package com.smartlinkauto.storagenode.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.smartlinkauto.storagenode.BlackHole;
import com.smartlinkauto.storagenode.Chunks;
import com.smartlinkauto.storagenode.NodeClient;
import com.smartlinkauto.storagenode.NodeIT;
import com.smartlinkauto.storagenode.TestNodes;

import tools.jackson.databind.JsonNode;

/**
 * Three real nodes (this test's node A plus B and C, each a Spring Boot application on its own port
 * and data directory): write pipelines and node-to-node pushes, directly and through a relay.
 */
class PipelineIT extends NodeIT {

    static TestNodes.Node b;
    static TestNodes.Node c;

    @BeforeAll
    static void startTwoMoreNodes() {
        // B gives up on a hung next node quickly
        b = TestNodes.start("node-b", TestNodes.newDataDir("node-b"), "--smartlink.node.zone=b",
                "--smartlink.node.transfer.stall-timeout=1s", "--smartlink.node.transfer.response-timeout=2s");
        c = TestNodes.start("node-c", TestNodes.newDataDir("node-c"), "--smartlink.node.zone=c");
    }

    /** Every node knows the others are registered (heartbeat answers of the controller stub). */
    @BeforeEach
    void allThreeKnowEachOther() {
        CONTROLLER.awaitKnownBy(NODE_ID, "node-b", "node-c");
    }

    /** A base URL the controller registers (and the nodes learn) although nothing useful answers there. */
    private static String registered(String url, String... knownBy) {
        CONTROLLER.register(url);
        CONTROLLER.awaitKnownBy(knownBy);
        return url;
    }

    @AfterAll
    static void stopThem() {
        if (c != null) {
            c.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    void aPipelineLeavesIdenticalCopiesOnEveryNode() throws Exception {
        byte[] bytes = Chunks.random(8 * 1024 * 1024 + 3);
        String id = Chunks.sha256(bytes);

        NodeClient.Response put = node().put(id, bytes, "X-Replicate-To", b.url() + "," + c.url());

        assertThat(put.status()).as(put.text()).isEqualTo(201);
        assertThat(replicas(put)).containsExactly(nodeUrl() + " node-a CREATED", b.url() + " node-b CREATED",
                c.url() + " node-c CREATED");
        assertThat(Files.readAllBytes(chunkFile(id))).isEqualTo(bytes);
        assertThat(Files.readAllBytes(b.chunkFile(id))).isEqualTo(bytes);
        assertThat(Files.readAllBytes(c.chunkFile(id))).isEqualTo(bytes);
        assertThat(c.client().get(id).body()).isEqualTo(bytes);

        // again: every hop already holds it
        NodeClient.Response again = node().put(id, bytes, "X-Replicate-To", b.url() + "," + c.url());
        assertThat(again.status()).isEqualTo(200);
        assertThat(replicas(again)).containsExactly(nodeUrl() + " node-a EXISTING", b.url() + " node-b EXISTING",
                c.url() + " node-c EXISTING");
    }

    @Test
    void aChunkedBodyIsForwardedChunked() throws Exception {
        byte[] bytes = Chunks.random(1_000_001);
        String id = Chunks.sha256(bytes);

        NodeClient.Response put = node().putChunked(id, bytes, "X-Replicate-To", c.url() + "," + b.url());

        assertThat(put.status()).as(put.text()).isEqualTo(201);
        assertThat(replicas(put)).containsExactly(nodeUrl() + " node-a CREATED", c.url() + " node-c CREATED",
                b.url() + " node-b CREATED");
        assertThat(Files.readAllBytes(b.chunkFile(id))).isEqualTo(bytes);
    }

    @Test
    void anUnreachableNodeIsSkippedAndReportedAndTheRestStillGetTheirCopy() {
        byte[] bytes = Chunks.random(300_000);
        String id = Chunks.sha256(bytes);
        String dead = registered("http://127.0.0.1:" + freePort(), NODE_ID);

        NodeClient.Response put = node().put(id, bytes, "X-Replicate-To", b.url() + "," + dead + "," + c.url());

        assertThat(put.status()).isEqualTo(201);
        List<JsonNode> hops = put.json().path("replicas").valueStream().toList();
        assertThat(hops).hasSize(4);
        assertThat(hops.get(2).path("url").asString()).isEqualTo(dead);
        assertThat(hops.get(2).path("status").asString()).isEqualTo("FAILED");
        assertThat(hops.get(2).path("error").asString()).startsWith("unreachable");
        assertThat(hops.get(3).path("status").asString()).isEqualTo("CREATED");
        assertThat(c.client().get(id).body()).isEqualTo(bytes);
        assertThat(b.client().get(id).body()).isEqualTo(bytes);
    }

    @Test
    void aNextNodeThatStopsReadingIsCutOffAndTheLocalCopyStands() {
        byte[] bytes = Chunks.random(16 * 1024 * 1024);
        String id = Chunks.sha256(bytes);
        try (BlackHole hung = new BlackHole(BlackHole.Mode.STALL)) {
            registered(hung.url(), "node-b");
            NodeClient.Response put = b.client().put(id, bytes, "X-Replicate-To", hung.url() + "," + c.url());

            assertThat(put.status()).as(put.text()).isEqualTo(201);
            List<JsonNode> hops = put.json().path("replicas").valueStream().toList();
            assertThat(hops.get(0).path("status").asString()).isEqualTo("CREATED");
            assertThat(hops.get(1).path("status").asString()).isEqualTo("FAILED");
            assertThat(hops.get(1).path("error").asString()).contains("stalled");
            assertThat(hops.get(2).path("status").asString()).isEqualTo("SKIPPED");
            assertThat(b.client().get(id).body()).isEqualTo(bytes);
        }
    }

    @Test
    void aNextNodeThatNeverAnswersTimesOut() {
        byte[] bytes = Chunks.random(100_000);
        String id = Chunks.sha256(bytes);
        try (BlackHole mute = new BlackHole(BlackHole.Mode.MUTE)) {
            registered(mute.url(), "node-b");
            NodeClient.Response put = b.client().put(id, bytes, "X-Replicate-To", mute.url());

            assertThat(put.status()).isEqualTo(201);
            JsonNode hop = put.json().path("replicas").get(1);
            assertThat(hop.path("status").asString()).isEqualTo("FAILED");
            assertThat(hop.path("error").asString()).contains("timed out");
        }
    }

    @Test
    void aBadBodyIsStoredNowhereInThePipeline() {
        byte[] bytes = Chunks.random(2_000_000);
        String wrongId = Chunks.sha256(Chunks.random(3));

        node().put(wrongId, bytes, "X-Replicate-To", b.url() + "," + c.url()).assertProblem(400, "chunk-checksum-mismatch");

        for (var dir : List.of(DATA_DIR, b.dataDir(), c.dataDir())) {
            assertThat(TestNodes.chunkFile(dir, wrongId)).doesNotExist();
        }
        org.awaitility.Awaitility.await().untilAsserted(() -> {
            for (var dir : List.of(DATA_DIR, b.dataDir(), c.dataDir())) {
                assertThat(TestNodes.files(dir.resolve("tmp"))).isEmpty();
            }
        });
    }

    @Test
    void theTargetListIsValidated() {
        byte[] bytes = Chunks.random(10);
        String id = Chunks.sha256(bytes);
        node().put(id, bytes, "X-Replicate-To", "ftp://x:1").assertProblem(400, "invalid-node-url");
        node().put(id, bytes, "X-Replicate-To", b.url() + "/chunks").assertProblem(400, "invalid-node-url");
        node().put(id, bytes, "X-Replicate-To", b.url() + "," + b.url()).assertProblem(400, "invalid-replication-targets");
        node().put(id, bytes, "X-Replicate-To", nodeUrl()).assertProblem(400, "invalid-replication-targets");
        node().put(id, bytes, "X-Relay-Only", "true").assertProblem(400, "invalid-replication-targets");
        assertThat(chunkFile(id)).doesNotExist();
    }

    @Test
    void aPushCopiesAChunkDirectlyToAnotherNode() throws Exception {
        byte[] bytes = Chunks.random(5 * 1024 * 1024);
        String id = Chunks.sha256(bytes);
        node().put(id, bytes);

        NodeClient.Response push = node().push(id, c.url(), null);

        assertThat(push.status()).as(push.text()).isEqualTo(200);
        assertThat(push.json().path("bytes").asLong()).isEqualTo(bytes.length);
        assertThat(push.json().path("durationMs").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(push.json().path("route").valueStream().map(JsonNode::asString)).containsExactly(nodeUrl(), c.url());
        assertThat(push.json().path("status").asString()).isEqualTo("CREATED");
        assertThat(Files.readAllBytes(c.chunkFile(id))).isEqualTo(bytes);
        assertThat(b.chunkFile(id)).doesNotExist();
    }

    @Test
    void aPushThroughARelayReachesTheTargetAndTheRelayKeepsNoCopy() throws Exception {
        byte[] bytes = Chunks.random(3 * 1024 * 1024 + 1);
        String id = Chunks.sha256(bytes);
        node().put(id, bytes);

        NodeClient.Response push = node().push(id, c.url(), b.url());

        assertThat(push.status()).as(push.text()).isEqualTo(200);
        assertThat(push.json().path("route").valueStream().map(JsonNode::asString))
                .containsExactly(nodeUrl(), b.url(), c.url());
        assertThat(replicas(push, "hops")).containsExactly(b.url() + " node-b RELAYED", c.url() + " node-c CREATED");
        assertThat(Files.readAllBytes(c.chunkFile(id))).isEqualTo(bytes);
        assertThat(b.chunkFile(id)).doesNotExist();
        assertThat(TestNodes.files(b.dataDir().resolve("tmp"))).isEmpty();
    }

    @Test
    void aPushThroughADeadRelayFailsWithTheRoute() {
        byte[] bytes = Chunks.random(1000);
        String id = Chunks.sha256(bytes);
        node().put(id, bytes);
        String dead = registered("http://127.0.0.1:" + freePort(), NODE_ID);

        NodeClient.Response push = node().push(id, c.url(), dead).assertProblem(502, "push-failed");

        assertThat(push.json().path("route").valueStream().map(JsonNode::asString)).containsExactly(nodeUrl(), dead,
                c.url());
        assertThat(c.chunkFile(id)).doesNotExist();
    }

    @Test
    void aPushOfAChunkThisNodeDoesNotHoldIsA404() {
        node().push(Chunks.sha256(Chunks.random(5)), c.url(), null).assertProblem(404, "chunk-not-found");
        node().push(Chunks.sha256(Chunks.random(5)), "nonsense", null).assertProblem(400, "invalid-node-url");
    }

    @Test
    void aPipelineTargetThatIsNoRegisteredNodeIsRefusedAndNothingIsStored() {
        byte[] bytes = Chunks.random(50_000);
        String id = Chunks.sha256(bytes);
        try (BlackHole stranger = new BlackHole(BlackHole.Mode.MUTE)) {
            // e.g. an internal address a caller would like this node to send requests to (SSRF)
            NodeClient.Response refused = node().put(id, bytes, "X-Replicate-To", b.url() + "," + stranger.url())
                    .assertProblem(403, "unregistered-node");
            assertThat(refused.json().path("targets").valueStream().map(JsonNode::asString))
                    .containsExactly(stranger.url());
            node().put(id, bytes, "X-Relay-Only", "true", "X-Replicate-To", stranger.url())
                    .assertProblem(403, "unregistered-node");
        }
        assertThat(chunkFile(id)).doesNotExist();
        assertThat(b.chunkFile(id)).doesNotExist();
        assertThat(node().head(id).status()).isEqualTo(404);
    }

    @Test
    void aPushTargetOrRelayThatIsNoRegisteredNodeIsRefused() {
        byte[] bytes = Chunks.random(2_000);
        String id = Chunks.sha256(bytes);
        node().put(id, bytes);
        String stranger = "http://127.0.0.1:" + freePort();
        node().push(id, stranger, null).assertProblem(403, "unregistered-node");
        node().push(id, c.url(), stranger).assertProblem(403, "unregistered-node");
        node().push(id, "http://169.254.169.254:80", null).assertProblem(403, "unregistered-node");
        assertThat(c.chunkFile(id)).doesNotExist();
    }

    @Test
    void aNodeThatJoinedSinceTheLastHeartbeatIsLearnedOnTheFirstMiss() throws Exception {
        // registered at the controller, but no heartbeat answer has told node A yet: A asks the controller
        byte[] bytes = Chunks.random(1_000);
        String id = Chunks.sha256(bytes);
        try (TestNodes.Node d = TestNodes.start("node-d", TestNodes.newDataDir("node-d"), "--smartlink.node.zone=c",
                "--smartlink.node.heartbeat.interval=100ms")) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                    .until(() -> !CONTROLLER.heartbeatsOf("node-d").isEmpty());
            NodeClient.Response put = node().put(id, bytes, "X-Replicate-To", d.url());
            assertThat(put.status()).as(put.text()).isEqualTo(201);
            assertThat(Files.readAllBytes(d.chunkFile(id))).isEqualTo(bytes);
        }
    }

    private static List<String> replicas(NodeClient.Response response) {
        return replicas(response, "replicas");
    }

    private static List<String> replicas(NodeClient.Response response, String field) {
        return response.json().path(field).valueStream()
                .map(r -> r.path("url").asString() + " " + r.path("nodeId").asString() + " " + r.path("status").asString())
                .toList();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
