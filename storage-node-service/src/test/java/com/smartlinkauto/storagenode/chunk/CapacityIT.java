package com.smartlinkauto.storagenode.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.smartlinkauto.storagenode.Chunks;
import com.smartlinkauto.storagenode.NodeClient;
import com.smartlinkauto.storagenode.TestNodes;

/** A node declared with ~1 MiB of storage (0.001 GiB = 1,073,741 bytes) refuses what does not fit: 507. */
class CapacityIT {

    static TestNodes.Node node;

    @BeforeAll
    static void startATinyNode() {
        // its controller is unreachable: the node works regardless
        node = TestNodes.start("node-tiny", TestNodes.newDataDir("node-tiny"), "--smartlink.node.storage-gb=0.001",
                "--smartlink.node.controller-url=http://127.0.0.1:1");
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void whatDoesNotFitIsRefusedUpFrontOrWhileWritingAndLeavesNothing() {
        NodeClient client = node.client();
        byte[] first = Chunks.random(600_000);
        String firstId = Chunks.sha256(first);
        assertThat(client.put(firstId, first).status()).isEqualTo(201);

        byte[] second = Chunks.random(600_000);
        String secondId = Chunks.sha256(second);
        // Content-Length says it cannot fit: refused before the body is read
        NodeClient.Response upFront = client.put(secondId, second).assertProblem(507, "insufficient-storage");
        assertThat(upFront.json().path("freeBytes").asLong()).isEqualTo(1_073_741 - 600_000);
        // no Content-Length: refused once the bytes written exceed the free space
        client.putChunked(secondId, second).assertProblem(507, "insufficient-storage");
        assertThat(node.chunkFile(secondId)).doesNotExist();
        assertThat(TestNodes.files(node.dataDir().resolve("tmp"))).isEmpty();

        // an identical copy of a held chunk needs no new space
        assertThat(client.put(firstId, first).status()).isEqualTo(200);

        // room again after a delete
        assertThat(client.delete(firstId).status()).isEqualTo(204);
        assertThat(client.putChunked(secondId, second).status()).isEqualTo(201);
        assertThat(client.path("/node/info").json().path("usedBytes").asLong()).isEqualTo(600_000);
        assertThat(client.path("/node/info").json().path("freeBytes").asLong()).isEqualTo(1_073_741 - 600_000);
    }
}
