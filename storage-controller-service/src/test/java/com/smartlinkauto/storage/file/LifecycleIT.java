package com.smartlinkauto.storage.file;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.storage.StorageNodes;
import com.smartlinkauto.storage.StorageTestSupport;

import tools.jackson.databind.JsonNode;

import static com.smartlinkauto.storage.file.FailureIT.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Deletion and garbage collection, shared chunks, decommissioning. */
class LifecycleIT extends StorageTestSupport {

    private static final int CHUNK = 64 * 1024;

    @Test
    void identicalChunksAreSharedAndCollectedOnlyWhenTheLastFileGoes() {
        byte[] data = random(4 * CHUNK, 2024);
        JsonNode a = upload(data, "replication=2&chunkSize=" + CHUNK);
        JsonNode b = upload(data, "replication=2&chunkSize=" + CHUNK);
        assertThat(b.path("chunks").size()).isEqualTo(4);
        List<String> ids = new ArrayList<>();
        a.path("chunks").forEach(chunk -> ids.add(chunk.path("chunkId").asString()));
        List<String> idsB = new ArrayList<>();
        b.path("chunks").forEach(chunk -> idsB.add(chunk.path("chunkId").asString()));
        assertThat(idsB).isEqualTo(ids);

        assertThat(send(request("/api/storage/files/" + a.path("fileId").asString()).DELETE()).statusCode())
                .isEqualTo(204);
        assertThat(download(a.path("fileId").asString(), null).statusCode()).isEqualTo(404);
        // b still needs the chunks: after the grace period they are still there
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(copiesOnDisk(ids)).isGreaterThanOrEqualTo(ids.size() * 2));
        assertThat(download(b.path("fileId").asString(), null).body()).isEqualTo(data);

        assertThat(send(request("/api/storage/files/" + b.path("fileId").asString()).DELETE()).statusCode())
                .isEqualTo(204);
        await("orphaned chunks deleted from the nodes").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertThat(copiesOnDisk(ids)).isZero());

        HttpResponse<String> again = send(request("/api/storage/files/" + a.path("fileId").asString()).DELETE());
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(again.body()).contains("file-not-found");
    }

    @Test
    void aDecommissionedNodeIsDrainedFirst() {
        StorageNodes.Node z = StorageNodes.extra("it-node-z", "c", 50);
        awaitLive(z.id);
        byte[] data = random(12 * CHUNK, 5150);
        JsonNode manifest = upload(data, "replication=2&chunkSize=" + CHUNK);
        String fileId = manifest.path("fileId").asString();
        long onZ = 0;
        for (JsonNode chunk : manifest.path("chunks")) {
            onZ += strings(chunk.path("replicas")).contains(z.id) ? 1 : 0;
        }
        assertThat(onZ).as("chunks on " + z.id).isPositive();

        HttpResponse<String> accepted = send(request("/api/storage/nodes/" + z.id + "/decommission")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(json.readTree(accepted.body()).path("adminState").asString()).isEqualTo("DECOMMISSIONING");

        JsonNode later = upload(random(6 * CHUNK, 5151), "replication=3&chunkSize=" + CHUNK);
        for (JsonNode chunk : later.path("chunks")) {
            assertThat(strings(chunk.path("replicas"))).doesNotContain(z.id);
        }

        await("drained").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            assertThat(getJson("/api/storage/nodes/" + z.id).path("adminState").asString()).isEqualTo("DECOMMISSIONED");
            for (JsonNode chunk : manifest(fileId).path("chunks")) {
                assertThat(strings(chunk.path("replicas"))).doesNotContain(z.id).hasSize(2);
            }
        });
        assertThat(download(fileId, null).body()).isEqualTo(data);

        HttpResponse<String> twice = send(request("/api/storage/nodes/" + z.id + "/decommission")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(twice.statusCode()).isEqualTo(409);
        HttpResponse<String> unknown = send(request("/api/storage/nodes/no-such-node/decommission")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("node-not-found");
        z.kill();
    }

    private int copiesOnDisk(List<String> chunkIds) {
        int copies = 0;
        for (String id : chunkIds) {
            for (StorageNodes.Node node : StorageNodes.running()) {
                if (node.chunkStatus(id) == 200) {
                    copies++;
                }
            }
        }
        return copies;
    }
}
