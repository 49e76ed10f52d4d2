package com.smartlinkauto.storage.file;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import com.smartlinkauto.storage.StorageEvents;
import com.smartlinkauto.storage.StorageNodes;
import com.smartlinkauto.storage.StorageTestSupport;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Nodes die before, during and after uploads, and disks rot; files stay readable and get their copies back. */
class FailureIT extends StorageTestSupport {

    private static final int CHUNK = 64 * 1024;

    @Value("${spring.kafka.bootstrap-servers}")
    String kafka;

    @Test
    void aNodeKilledAfterUploadLeavesTheFileReadableAndItsCopiesAreRestoredThenTrimmedWhenItReturns() throws Exception {
        StorageNodes.Node x = StorageNodes.extra("it-node-x", "a", 50);   // much free space: most zone-a copies go here
        awaitLive(x.id);
        byte[] data = random(24 * CHUNK, 4242);
        JsonNode manifest = upload(data, "replication=3&chunkSize=" + CHUNK);
        String fileId = manifest.path("fileId").asString();
        assertThat(chunksOn(manifest, x.id)).as("chunks with a copy on " + x.id).isNotEmpty();
        assertThat(StorageEvents.await(kafka, json, e -> e.path("type").asString().equals("NodeJoined")
                && e.path("aggregateId").asString().equals(x.id)).path("payload").path("zone").asString()).isEqualTo("a");

        x.kill();

        HttpResponse<byte[]> whileDown = download(fileId, null);
        assertThat(whileDown.statusCode()).isEqualTo(200);
        assertThat(whileDown.body()).as("read from the surviving replicas").isEqualTo(data);

        await("dead node's chunks re-replicated").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    JsonNode now = manifest(fileId);
                    for (JsonNode chunk : now.path("chunks")) {
                        List<String> replicas = strings(chunk.path("replicas"));
                        assertThat(replicas).doesNotContain(x.id).hasSize(3);
                    }
                });
        assertThat(nodeState(x.id)).isEqualTo("DEAD");
        JsonNode lost = StorageEvents.await(kafka, json, e -> e.path("type").asString().equals("NodeLost")
                && e.path("aggregateId").asString().equals(x.id));
        assertThat(lost.path("payload").path("replicasLost").asLong()).isPositive();
        assertThat(StorageEvents.await(kafka, json, e -> e.path("type").asString().equals("ChunkReplicated")
                && e.path("payload").path("reason").asString().equals("REPAIR")).path("payload").path("liveReplicas")
                .asInt()).isPositive();
        for (JsonNode chunk : manifest(fileId).path("chunks")) {
            for (String node : strings(chunk.path("replicas"))) {
                assertThat(StorageNodes.get(node).chunkStatus(chunk.path("chunkId").asString())).isEqualTo(200);
            }
        }

        // the node comes back with its old copies: reconciled, surplus copies removed
        x.start().awaitUp();
        awaitLive(x.id);
        await("surplus copies trimmed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    for (JsonNode chunk : manifest(fileId).path("chunks")) {
                        assertThat(strings(chunk.path("replicas"))).hasSize(3);
                    }
                    int held = 0;
                    for (JsonNode chunk : manifest(fileId).path("chunks")) {
                        String id = chunk.path("chunkId").asString();
                        for (StorageNodes.Node node : StorageNodes.running()) {
                            if (node.chunkStatus(id) == 200) {
                                held++;
                            }
                        }
                    }
                    assertThat(held).as("copies on the nodes' disks").isEqualTo(24 * 3);
                });
        assertThat(download(fileId, null).body()).isEqualTo(data);
    }

    @Test
    void aNodeKilledMidUploadDoesNotFailTheUpload() throws Exception {
        StorageNodes.Node y = StorageNodes.extra("it-node-y", "b", 50);
        awaitLive(y.id);
        byte[] data = random(16 * 1024 * 1024, 77);
        AtomicBoolean killed = new AtomicBoolean();
        InputStream body = new InputStream() {
            private int position;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] target, int offset, int length) {
                if (position >= data.length) {
                    return -1;
                }
                // once the node holds a chunk of this upload, it dies (the rest of the body is still to come)
                if (!killed.get() && position >= 2 * 1024 * 1024 && y.chunkCount() > 0) {
                    y.kill();
                    killed.set(true);
                }
                int n = Math.min(length, Math.min(64 * 1024, data.length - position));
                System.arraycopy(data, position, target, offset, n);
                position += n;
                return n;
            }
        };
        HttpResponse<String> response = send(request("/api/storage/files?replication=2&chunkSize=1MB")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)));
        assertThat(killed).as("the node died during the upload").isTrue();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String fileId = json.readTree(response.body()).path("fileId").asString();
        assertThat(download(fileId, null).body()).isEqualTo(data);
        await("every chunk back to 2 live copies").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    for (JsonNode chunk : manifest(fileId).path("chunks")) {
                        assertThat(strings(chunk.path("replicas"))).doesNotContain(y.id).hasSize(2);
                    }
                });
        assertThat(download(fileId, null).body()).isEqualTo(data);
    }

    @Test
    void aCorruptedCopyIsNeverServedAndIsRepaired() throws Exception {
        byte[] data = random(3 * CHUNK, 99);
        JsonNode manifest = upload(data, "replication=3&chunkSize=" + CHUNK);
        String fileId = manifest.path("fileId").asString();
        JsonNode first = manifest.path("chunks").get(0);
        String chunkId = first.path("chunkId").asString();
        StorageNodes.Node victim = StorageNodes.get(strings(first.path("replicas")).get(0));
        Path file = victim.chunkFile(chunkId);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(file, bytes);

        // the node verifies before it sends: it refuses, quarantines the copy and tells the controller
        assertThat(victim.chunkStatus(chunkId)).isEqualTo(409);
        HttpResponse<byte[]> download = download(fileId, null);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(data);

        await("corrupted copy replaced").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    List<String> replicas = strings(manifest(fileId).path("chunks").get(0).path("replicas"));
                    assertThat(replicas).hasSize(3);
                    for (String node : replicas) {
                        assertThat(StorageNodes.get(node).chunkStatus(chunkId)).isEqualTo(200);
                    }
                });
        assertThat(download(fileId, null).body()).isEqualTo(data);
    }

    private static List<Integer> chunksOn(JsonNode manifest, String nodeId) {
        List<Integer> on = new ArrayList<>();
        for (JsonNode chunk : manifest.path("chunks")) {
            if (strings(chunk.path("replicas")).contains(nodeId)) {
                on.add(chunk.path("index").asInt());
            }
        }
        return on;
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private String nodeState(String nodeId) {
        return getJson("/api/storage/nodes/" + nodeId).path("state").asString();
    }
}
