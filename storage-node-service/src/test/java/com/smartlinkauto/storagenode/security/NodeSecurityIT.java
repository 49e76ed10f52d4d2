package com.smartlinkauto.storagenode.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.storagenode.Chunks;
import com.smartlinkauto.storagenode.NodeClient;
import com.smartlinkauto.storagenode.NodeIT;
import com.smartlinkauto.testsupport.security.TestTokens;

/**
 * The node API takes only service tokens for storage-node-service; the node's own calls carry its token and
 * its key. Probes and scraping stay open.
 */
class NodeSecurityIT extends NodeIT {

    @Test
    void anAnonymousCallerGets401EverywhereOnTheNodeApiAndStoresNothing() {
        byte[] bytes = Chunks.random(1_000);
        String id = Chunks.sha256(bytes);
        NodeClient anonymous = node().authorizedBy(null);
        NodeClient.Response put = anonymous.put(id, bytes).assertProblem(401, "unauthorized");
        assertThat(put.header("WWW-Authenticate")).startsWith("Bearer");
        anonymous.get(id).assertProblem(401, "unauthorized");
        anonymous.delete(id).assertProblem(401, "unauthorized");
        anonymous.push(id, "http://127.0.0.1:1", null).assertProblem(401, "unauthorized");
        anonymous.path("/node/info").assertProblem(401, "unauthorized");
        anonymous.path("/node/chunks").assertProblem(401, "unauthorized");
        assertThat(chunkFile(id)).doesNotExist();
    }

    @Test
    void usersTokensAndTokensForAnotherServiceAreRefused() {
        byte[] bytes = Chunks.random(1_000);
        String id = Chunks.sha256(bytes);
        for (String token : List.of(TestTokens.admin(),
                TestTokens.service("storage-controller-service", "storage-controller-service"),
                TestTokens.service("vehicle-service", "vehicle-service"),
                TestTokens.service("storage-controller-service", List.of("storage-node-service"), "openid",
                        Duration.ofMinutes(5)),
                TestTokens.service("storage-controller-service", List.of("storage-node-service"), "internal",
                        Duration.ofMinutes(-5)))) {
            NodeClient caller = node().authorizedBy("Bearer " + token);
            caller.put(id, bytes).assertProblem(401, "unauthorized");
            caller.path("/node/info").assertProblem(401, "unauthorized");
        }
        assertThat(chunkFile(id)).doesNotExist();
        // the controller's and another node's tokens pass
        assertThat(node().put(id, bytes).status()).isEqualTo(201);
        assertThat(node().authorizedBy("Bearer " + TestTokens.service("storage-node-service", "storage-node-service"))
                .get(id).body()).isEqualTo(bytes);
    }

    @Test
    void probesScrapingAndTheApiDescriptionStayOpenOtherActuatorEndpointsDoNot() {
        NodeClient anonymous = node().authorizedBy(null);
        assertThat(anonymous.path("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(anonymous.path("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(anonymous.path("/v3/api-docs").status()).isEqualTo(200);
        assertThat(anonymous.path("/actuator/metrics").status()).isEqualTo(401);
        assertThat(anonymous.path("/anything-else").status()).isIn(401, 403);
        // the OpenAPI description names the service token on the chunk API
        String docs = anonymous.path("/v3/api-docs").text();
        assertThat(docs).contains("\"serviceToken\"");
    }

    @Test
    void heartbeatsCarryAServiceTokenForTheControllerAndThisNodesKeyKeptOwnerOnly() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> !CONTROLLER.heartbeatsOf(NODE_ID).isEmpty());
        var keyFile = DATA_DIR.resolve("node-key");
        String key = Files.readString(keyFile).trim();
        assertThat(key).matches("[0-9a-f]{64}");
        assertThat(CONTROLLER.nodeKeyOf(NODE_ID)).isEqualTo(key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(CONTROLLER.callers()).contains("storage-node-service");
        assertThat(CONTROLLER.unauthorizedCalls()).isZero();
        // the key never travels in a body
        assertThat(CONTROLLER.heartbeatsOf(NODE_ID).get(0).toString()).doesNotContain(key);
    }
}
