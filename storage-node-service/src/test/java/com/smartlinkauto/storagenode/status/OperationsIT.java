package com.smartlinkauto.storagenode.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import com.smartlinkauto.storagenode.Chunks;
import com.smartlinkauto.storagenode.NodeClient;
import com.smartlinkauto.storagenode.NodeIT;

import tools.jackson.databind.JsonNode;

/** Node info, chunk listing, health, metrics and the API description. */
class OperationsIT extends NodeIT {

    @Test
    void nodeInfoDeclaresCapacityAndUsage() {
        JsonNode info = node().path("/node/info").json();
        assertThat(info.path("nodeId").asString()).isEqualTo(NODE_ID);
        assertThat(info.path("zone").asString()).isEqualTo("a");
        assertThat(info.path("baseUrl").asString()).isEqualTo(nodeUrl());
        assertThat(info.path("vcpus").asInt()).isEqualTo(4);
        assertThat(info.path("memoryGb").asDouble()).isEqualTo(8.0);
        assertThat(info.path("storageGb").asDouble()).isEqualTo(20.0);
        assertThat(info.path("bandwidthMbps").asInt()).isEqualTo(1000);
        assertThat(info.path("capacityBytes").asLong()).isEqualTo(20L << 30);
        for (String field : new String[] { "usedBytes", "freeBytes", "chunkCount", "activeTransfers", "bytesIn",
                "bytesOut", "startedAt", "uptimeSeconds" }) {
            assertThat(info.has(field)).as(field).isTrue();
        }
    }

    @Test
    void bytesInAndOutAreCounted() {
        long in = node().path("/node/info").json().path("bytesIn").asLong();
        long out = node().path("/node/info").json().path("bytesOut").asLong();
        byte[] bytes = Chunks.random(50_000);
        String id = Chunks.sha256(bytes);
        node().put(id, bytes);
        node().get(id);
        JsonNode info = node().path("/node/info").json();
        assertThat(info.path("bytesIn").asLong()).isGreaterThanOrEqualTo(in + 50_000);
        assertThat(info.path("bytesOut").asLong()).isGreaterThanOrEqualTo(out + 50_000);
    }

    @Test
    void chunksAreListedInIdOrderPageByPage() {
        for (int i = 0; i < 5; i++) {
            byte[] bytes = Chunks.random(100 + i);
            node().put(Chunks.sha256(bytes), bytes);
        }
        JsonNode first = node().path("/node/chunks?limit=2").json();
        assertThat(first.path("items").size()).isEqualTo(2);
        assertThat(first.path("total").asInt()).isGreaterThanOrEqualTo(5);
        String after = first.path("nextAfter").asString();
        assertThat(after).isEqualTo(first.path("items").get(1).path("id").asString());
        JsonNode second = node().path("/node/chunks?limit=2&after=" + after).json();
        assertThat(second.path("items").get(0).path("id").asString()).isGreaterThan(after);

        node().path("/node/chunks?limit=0").assertProblem(400, "validation");
        node().path("/node/chunks?after=XYZ").assertProblem(400, "validation");
    }

    @Test
    void healthProbesAreUpWithTheStorageDetails() {
        for (String path : new String[] { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness" }) {
            NodeClient.Response response = node().authorizedBy(null).path(path);
            assertThat(response.status()).as(path + " " + response.text()).isEqualTo(200);
            assertThat(response.json().path("status").asString()).isEqualTo("UP");
        }
        JsonNode storage = node().authorizedBy(null).path("/actuator/health").json().path("components").path("storage");
        assertThat(storage.path("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusExposesTheNodeMeters() {
        byte[] bytes = Chunks.random(10);
        String id = Chunks.sha256(bytes);
        node().put(id, bytes);
        node().get(id);
        String metrics = node().authorizedBy(null).path("/actuator/prometheus").text();
        assertThat(metrics).contains("smartlink_storage_node_bytes_total{application=\"storage-node-service\",direction=\"in\"")
                .contains("direction=\"out\"")
                .contains("smartlink_storage_node_chunk_writes_seconds_bucket")
                .contains("smartlink_storage_node_chunk_reads_seconds_bucket")
                .contains("smartlink_storage_node_transfers_active")
                .contains("smartlink_storage_node_used_bytes")
                .contains("smartlink_storage_node_chunks")
                .contains("smartlink_storage_node_heartbeats_total");
    }

    @Test
    void theOpenApiDescriptionListsTheEndpoints() {
        NodeClient.Response docs = node().authorizedBy(null).path("/v3/api-docs");
        assertThat(docs.status()).as(docs.text()).isEqualTo(200);
        assertThat(docs.json().path("paths").propertyNames()).contains("/chunks/{id}", "/chunks/{id}/push",
                "/node/info", "/node/chunks");
    }

    @Test
    void tomcatMovesBodiesIn64KiBSocketBuffers(@Autowired WebServerApplicationContext context) {
        var connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
        assertThat(connector.getProperty("socket.appReadBufSize")).hasToString("65536");
        assertThat(connector.getProperty("socket.appWriteBufSize")).hasToString("65536");
    }

    @Test
    void everyAnswerCarriesACorrelationId() {
        NodeClient.Response info = node().path("/node/info");
        assertThat(info.header("X-Request-Id")).isNotBlank();
    }
}
