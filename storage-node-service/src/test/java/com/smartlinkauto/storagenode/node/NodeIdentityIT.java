package com.smartlinkauto.storagenode.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.storagenode.Chunks;
import com.smartlinkauto.storagenode.TestNodes;

/** A node keeps its id and its chunks across restarts, and a data directory serves one node at a time. */
class NodeIdentityIT {

    @Test
    void aNodeWithoutADeclaredIdKeepsTheOneItGeneratedAndItsChunksAcrossRestarts() throws Exception {
        Path dir = TestNodes.newDataDir("restart");
        byte[] bytes = Chunks.random(123_456);
        String id = Chunks.sha256(bytes);
        String nodeId;
        try (TestNodes.Node first = TestNodes.start(null, dir)) {
            nodeId = first.id();
            assertThat(nodeId).matches("node-[0-9a-f]{8}");
            assertThat(first.client().put(id, bytes).status()).isEqualTo(201);
        }
        assertThat(Files.readString(dir.resolve("node-id")).trim()).isEqualTo(nodeId);

        try (TestNodes.Node again = TestNodes.start(null, dir)) {
            assertThat(again.id()).isEqualTo(nodeId);
            assertThat(again.client().path("/node/info").json().path("chunkCount").asInt()).isEqualTo(1);
            assertThat(again.client().path("/node/info").json().path("usedBytes").asLong()).isEqualTo(bytes.length);
            assertThat(again.client().get(id).body()).isEqualTo(bytes);
        }
    }

    @Test
    void aDataDirectoryInUseOrOwnedByAnotherNodeIsRefused() {
        Path dir = TestNodes.newDataDir("owned");
        try (TestNodes.Node owner = TestNodes.start("node-owner", dir)) {
            assertThatThrownBy(() -> TestNodes.start("node-owner", dir)).hasStackTraceContaining("in use");
        }
        assertThatThrownBy(() -> TestNodes.start("node-intruder", dir))
                .hasStackTraceContaining("belongs to node 'node-owner'");
    }

    @Test
    void aStatefulSetPodTakesItsIdAndZoneFromItsOrdinal() {
        try (TestNodes.Node pod = TestNodes.start(null, TestNodes.newDataDir("pod"), "--HOSTNAME=storage-node-2")) {
            assertThat(pod.id()).isEqualTo("node-2");
            assertThat(pod.client().path("/node/info").json().path("zone").asString()).isEqualTo("c");
        }
    }
}
