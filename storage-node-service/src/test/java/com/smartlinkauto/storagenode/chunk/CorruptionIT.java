package com.smartlinkauto.storagenode.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.smartlinkauto.storagenode.Chunks;
import com.smartlinkauto.storagenode.NodeClient;
import com.smartlinkauto.storagenode.NodeIT;
import com.smartlinkauto.storagenode.TestNodes;

import io.micrometer.core.instrument.MeterRegistry;

/** Bitrot: a stored copy whose bytes changed on disk is detected, never served, quarantined and reported. */
class CorruptionIT extends NodeIT {

    @Autowired
    MeterRegistry registry;

    @Test
    void aCorruptedChunkIsNeverServedAndIsQuarantinedAndReported() throws Exception {
        byte[] bytes = Chunks.random(3 * 1024 * 1024 + 5);
        String id = Chunks.sha256(bytes);
        assertThat(node().put(id, bytes).status()).isEqualTo(201);
        long usedBefore = node().path("/node/info").json().path("usedBytes").asLong();
        double failuresBefore = readChecksumFailures();

        flipOneByte(chunkFile(id), 1_234_567);

        NodeClient.Response get = node().get(id).assertProblem(409, "chunk-corrupted");
        assertThat(get.body()).hasSizeLessThan(2048); // a problem document, not the chunk
        assertThat(get.json().path("chunkId").asString()).isEqualTo(id);

        // moved aside, out of the index and the usage, counted
        assertThat(chunkFile(id)).doesNotExist();
        Path quarantined = TestNodes.files(DATA_DIR.resolve("quarantine")).stream()
                .filter(p -> p.getFileName().toString().startsWith(id)).findFirst().orElseThrow();
        assertThat(Files.size(quarantined)).isEqualTo(bytes.length);
        assertThat(node().head(id).status()).isEqualTo(404);
        node().get(id).assertProblem(404, "chunk-not-found");
        assertThat(node().path("/node/info").json().path("usedBytes").asLong()).isEqualTo(usedBefore - bytes.length);
        assertThat(readChecksumFailures()).isEqualTo(failuresBefore + 1);
        assertThat(node().authorizedBy(null).path("/actuator/prometheus").text())
                .contains("smartlink_storage_node_checksum_failures_total{application=\"storage-node-service\"");

        // the controller hears about it with the next heartbeat
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(CONTROLLER.heartbeatsOf(NODE_ID))
                .anySatisfy(h -> assertThat(h.path("corruptChunks").valueStream().map(n -> n.asString()))
                        .contains(id)));

        // and can repair the copy by writing the good bytes again
        assertThat(node().put(id, bytes).status()).isEqualTo(201);
        assertThat(node().get(id).body()).isEqualTo(bytes);
    }

    @Test
    void aCorruptedChunkIsNotPushedToAnotherNode() throws Exception {
        byte[] bytes = Chunks.random(70_000);
        String id = Chunks.sha256(bytes);
        node().put(id, bytes);
        flipOneByte(chunkFile(id), 0);

        CONTROLLER.register("http://127.0.0.1:1"); // a registered node: the refusal must be the corruption
        CONTROLLER.awaitKnownBy(NODE_ID);
        node().push(id, "http://127.0.0.1:1", null).assertProblem(409, "chunk-corrupted");
        assertThat(chunkFile(id)).doesNotExist();
    }

    @Test
    void aTruncatedChunkIsCorruptedToo() throws Exception {
        byte[] bytes = Chunks.random(10_000);
        String id = Chunks.sha256(bytes);
        node().put(id, bytes);
        try (RandomAccessFile file = new RandomAccessFile(chunkFile(id).toFile(), "rw")) {
            file.setLength(9_999);
        }
        node().get(id).assertProblem(409, "chunk-corrupted");
    }

    private double readChecksumFailures() {
        return registry.get(ChunkMetrics.CHECKSUM_FAILURES).tag("stage", "read").counter().count();
    }

    static void flipOneByte(Path file, long position) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(position);
            int b = raf.read();
            raf.seek(position);
            raf.write(b ^ 0x40);
        }
    }
}
