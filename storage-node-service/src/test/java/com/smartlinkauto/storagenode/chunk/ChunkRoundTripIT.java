package com.smartlinkauto.storagenode.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.smartlinkauto.storagenode.Chunks;
import com.smartlinkauto.storagenode.NodeClient;
import com.smartlinkauto.storagenode.NodeIT;
import com.smartlinkauto.storagenode.TestNodes;

/** Store and read back chunks on one node, on a real disk. */
class ChunkRoundTripIT extends NodeIT {

    private static final Logger log = LoggerFactory.getLogger(ChunkRoundTripIT.class);

    private static final int KIB = 1024;
    private static final int MIB = 1024 * KIB;

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = { 0, 1, 64 * KIB - 1, 64 * KIB, 64 * KIB + 1, 4 * MIB, 64 * MIB })
    void aChunkComesBackByteForByte(int size) throws IOException {
        byte[] bytes = Chunks.random(size);
        String id = Chunks.sha256(bytes);

        NodeClient.Response put = node().put(id, bytes);
        assertThat(put.status()).as(put.text()).isEqualTo(201);
        assertThat(put.header("Location")).isEqualTo("/chunks/" + id);
        assertThat(put.json().path("chunkId").asString()).isEqualTo(id);
        assertThat(put.json().path("size").asLong()).isEqualTo(size);
        assertThat(put.json().path("replicas").get(0).path("nodeId").asString()).isEqualTo(NODE_ID);
        assertThat(put.json().path("replicas").get(0).path("status").asString()).isEqualTo("CREATED");
        assertThat(put.json().path("replicas").get(0).path("url").asString()).isEqualTo(nodeUrl());

        NodeClient.Response get = node().get(id);
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(bytes);
        assertThat(get.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(get.header("ETag")).isEqualTo("\"" + id + "\"");

        NodeClient.Response head = node().head(id);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(size));

        // on disk: fanned out by the id's first two bytes, identical bytes, nothing left in tmp/
        assertThat(chunkFile(id)).exists();
        assertThat(chunkFile(id).getParent().getParent().getFileName().toString()).isEqualTo(id.substring(0, 2));
        assertThat(Files.readAllBytes(chunkFile(id))).isEqualTo(bytes);
        assertThat(TestNodes.files(DATA_DIR.resolve("tmp"))).isEmpty();

        // identical again: 200, the copy untouched
        NodeClient.Response again = node().put(id, bytes);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.json().path("replicas").get(0).path("status").asString()).isEqualTo("EXISTING");
        assertThat(node().get(id).body()).isEqualTo(bytes);
    }

    @Test
    void aChunkedBodyWithoutContentLengthIsStoredToo() {
        byte[] bytes = Chunks.random(3 * MIB + 17);
        String id = Chunks.sha256(bytes);

        assertThat(node().putChunked(id, bytes).status()).isEqualTo(201);
        assertThat(node().get(id).body()).isEqualTo(bytes);
        assertThat(node().putChunked(id, bytes).status()).isEqualTo(200);
    }

    @Test
    void aBodyIsBytesWhateverItsContentTypeClaims() {
        for (String type : new String[] { "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "text/plain" }) {
            byte[] bytes = ("a=b&c=d&type=" + type + "&nonce=" + System.nanoTime()).getBytes();
            String id = Chunks.sha256(bytes);
            assertThat(node().putAs(id, bytes, type).status()).as(type).isEqualTo(201);
            assertThat(node().get(id).body()).isEqualTo(bytes);
        }
    }

    @Test
    void aBodyThatDoesNotMatchItsIdIsRefusedAndLeavesNothing() {
        byte[] bytes = Chunks.random(2 * MIB);
        String wrongId = Chunks.sha256(Chunks.random(16));

        NodeClient.Response put = node().put(wrongId, bytes).assertProblem(400, "chunk-checksum-mismatch");
        assertThat(put.json().path("computedSha256").asString()).isEqualTo(Chunks.sha256(bytes));
        assertThat(node().putChunked(wrongId, bytes).status()).isEqualTo(400);

        assertThat(chunkFile(wrongId)).doesNotExist();
        assertThat(TestNodes.files(DATA_DIR.resolve("tmp"))).isEmpty();
        node().get(wrongId).assertProblem(404, "chunk-not-found");
    }

    @Test
    void anExistingChunkStillChecksTheBody() {
        byte[] bytes = Chunks.random(100 * KIB);
        String id = Chunks.sha256(bytes);
        assertThat(node().put(id, bytes).status()).isEqualTo(201);

        byte[] other = bytes.clone();
        other[5] ^= 1;
        node().put(id, other).assertProblem(400, "chunk-checksum-mismatch");
        assertThat(node().get(id).body()).isEqualTo(bytes);
    }

    @Test
    void idsMustBe64LowercaseHexDigits() {
        String valid = Chunks.sha256(new byte[] { 1 });
        for (String bad : new String[] { valid.toUpperCase(), valid.substring(1), valid + "0", "x".repeat(64),
                "not-a-hash" }) {
            node().put(bad, new byte[] { 1 }).assertProblem(400, "invalid-chunk-id");
            node().get(bad).assertProblem(400, "invalid-chunk-id");
        }
    }

    @Test
    void aChunkLargerThan64MiBIsRefused() {
        byte[] bytes = new byte[64 * MIB + 1];
        String id = Chunks.sha256(bytes);
        node().put(id, bytes).assertProblem(413, "chunk-too-large");
        node().putChunked(id, bytes).assertProblem(413, "chunk-too-large");
        assertThat(chunkFile(id)).doesNotExist();
        assertThat(TestNodes.files(DATA_DIR.resolve("tmp"))).isEmpty();
    }

    @Test
    void aSingleByteRangeIsServedAsPartialContent() {
        byte[] bytes = Chunks.random(1000);
        String id = Chunks.sha256(bytes);
        node().put(id, bytes);

        NodeClient.Response middle = node().get(id, "Range", "bytes=10-19");
        assertThat(middle.status()).isEqualTo(206);
        assertThat(middle.header("Content-Range")).isEqualTo("bytes 10-19/1000");
        assertThat(middle.body()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 10, 20));

        NodeClient.Response suffix = node().get(id, "Range", "bytes=-5");
        assertThat(suffix.body()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 995, 1000));

        NodeClient.Response outside = node().get(id, "Range", "bytes=1000-2000").assertProblem(416, "range-not-satisfiable");
        assertThat(outside.header("Content-Range")).isEqualTo("bytes */1000");

        assertThat(node().get(id, "Range", "bytes=nonsense").status()).isEqualTo(200);
    }

    @Test
    void deleteRemovesTheChunk() {
        byte[] bytes = Chunks.random(5000);
        String id = Chunks.sha256(bytes);
        node().put(id, bytes);

        assertThat(node().delete(id).status()).isEqualTo(204);
        assertThat(chunkFile(id)).doesNotExist();
        node().delete(id).assertProblem(404, "chunk-not-found");
        node().get(id).assertProblem(404, "chunk-not-found");
        assertThat(node().head(id).status()).isEqualTo(404);
    }

    @Test
    void concurrentWritesOfOneChunkStoreItOnce() throws Exception {
        byte[] bytes = Chunks.random(4 * MIB);
        String id = Chunks.sha256(bytes);
        long usedBefore = node().path("/node/info").json().path("usedBytes").asLong();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<NodeClient.Response>> writes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                boolean chunked = i % 2 == 1;
                writes.add(() -> chunked ? node().putChunked(id, bytes) : node().put(id, bytes));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<NodeClient.Response> write : pool.invokeAll(writes)) {
                statuses.add(write.get().status());
            }
            assertThat(statuses).containsOnly(200, 201);
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        }
        finally {
            pool.shutdown();
        }

        assertThat(node().get(id).body()).isEqualTo(bytes);
        assertThat(Files.readAllBytes(chunkFile(id))).isEqualTo(bytes);
        assertThat(TestNodes.files(DATA_DIR.resolve("tmp"))).isEmpty();
        assertThat(node().path("/node/info").json().path("usedBytes").asLong()).isEqualTo(usedBefore + bytes.length);
    }

    /** Not a test of speed: logs the raw single-node path (PUT → SHA-256 → fsync → rename) for the README. */
    @Test
    void logsTheSingleNodeWriteThroughput() {
        int chunks = 16;
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            bodies.add(Chunks.random(4 * MIB));
        }
        List<String> ids = bodies.stream().map(Chunks::sha256).toList();
        node().put(Chunks.sha256(new byte[] { 42 }), new byte[] { 42 }); // warm-up
        long started = System.nanoTime();
        for (int i = 0; i < chunks; i++) {
            assertThat(node().put(ids.get(i), bodies.get(i)).status()).isEqualTo(201);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long readStarted = System.nanoTime();
        for (String id : ids) {
            assertThat(node().get(id).status()).isEqualTo(200);
        }
        double readSeconds = (System.nanoTime() - readStarted) / 1e9;
        double mb = chunks * 4.0 * MIB / 1e6;
        log.info("Single node, one client, {} x 4 MiB: PUT (SHA-256 + fsync + rename) {} MB/s; GET (verify + send) {} MB/s",
                chunks, String.format("%.0f", mb / seconds), String.format("%.0f", mb / readSeconds));
    }
}
