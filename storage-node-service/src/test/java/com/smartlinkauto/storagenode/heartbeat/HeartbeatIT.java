package com.smartlinkauto.storagenode.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.storagenode.Chunks;
import com.smartlinkauto.storagenode.NodeIT;

import tools.jackson.databind.JsonNode;

/** The node keeps the controller (here a stub) informed: heartbeats with usage, full chunk reports. */
class HeartbeatIT extends NodeIT {

    @Test
    void heartbeatsCarryTheNodesDeclarationAndUsage() {
        byte[] bytes = Chunks.random(12_345);
        String id = Chunks.sha256(bytes);
        node().put(id, bytes);
        int chunks = node().path("/node/info").json().path("chunkCount").asInt();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<JsonNode> beats = CONTROLLER.heartbeatsOf(NODE_ID);
            assertThat(beats).isNotEmpty();
            JsonNode last = beats.get(beats.size() - 1);
            assertThat(last.path("chunkCount").asInt()).isGreaterThanOrEqualTo(chunks);
            assertThat(last.path("zone").asString()).isEqualTo("a");
            assertThat(last.path("baseUrl").asString()).isEqualTo(nodeUrl());
            assertThat(last.path("vcpus").asInt()).isEqualTo(4);
            assertThat(last.path("memoryGb").asDouble()).isEqualTo(8.0);
            assertThat(last.path("storageGb").asDouble()).isEqualTo(20.0);
            assertThat(last.path("bandwidthMbps").asInt()).isEqualTo(1000);
            assertThat(last.path("capacityBytes").asLong()).isEqualTo(20L << 30);
            assertThat(last.path("usedBytes").asLong()).isGreaterThanOrEqualTo(bytes.length);
            assertThat(last.path("freeBytes").asLong()).isPositive();
            assertThat(last.has("activeTransfers")).isTrue();
            assertThat(last.path("corruptChunks").isArray()).isTrue();
            assertThat(last.path("startedAt").asString()).isNotBlank();
        });
    }

    @Test
    void aFullChunkReportFollowsTheFirstHeartbeatAndEveryRequest() {
        await().atMost(Duration.ofSeconds(10)).until(() -> !CONTROLLER.reportsOf(NODE_ID).isEmpty());
        JsonNode first = CONTROLLER.reportsOf(NODE_ID).get(0);
        assertThat(first.path("zone").asString()).isEqualTo("a");
        assertThat(first.path("chunks").isArray()).isTrue();

        byte[] bytes = Chunks.random(777);
        String id = Chunks.sha256(bytes);
        node().put(id, bytes);
        int reportsBefore = CONTROLLER.reportsOf(NODE_ID).size();
        CONTROLLER.askForFullReport();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<JsonNode> reports = CONTROLLER.reportsOf(NODE_ID);
            assertThat(reports).hasSizeGreaterThan(reportsBefore);
            JsonNode last = reports.get(reports.size() - 1);
            assertThat(last.path("chunks").valueStream().map(c -> c.path("id").asString())).contains(id);
            assertThat(last.path("chunks").valueStream()
                    .filter(c -> id.equals(c.path("id").asString())).findFirst().orElseThrow()
                    .path("size").asLong()).isEqualTo(777);
            assertThat(last.path("chunkCount").asInt()).isEqualTo(last.path("chunks").size());
        });
    }
}
