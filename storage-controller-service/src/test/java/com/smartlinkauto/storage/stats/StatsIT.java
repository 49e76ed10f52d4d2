package com.smartlinkauto.storage.stats;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.storage.StorageTestSupport;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The network's figures add up: recomputed here, one by one, from the files, their manifests and the nodes
 * as the other endpoints show them.
 */
class StatsIT extends StorageTestSupport {

    private static final int CHUNK = 64 * 1024;

    /** What the other endpoints say, reduced to the figures the stats give. */
    private record Expected(long total, long live, long stale, long dead, long decommissioning, long decommissioned,
            long files, long logicalBytes, long chunks, long replicas, long storedBytes, long underReplicated,
            long unavailable, double replicationFactorAverage, long usedBytes, long capacityBytes,
            double storagePercent, double bandwidthPercent, long nodeActiveTransfers, long replicaBytesOnNodes,
            long replicasOnNodes) {
    }

    @Test
    void afterUploadsTheFiguresAddUp() {
        JsonNode before = getJson("/api/storage/stats");
        byte[] small = random(3 * CHUNK + 17, 7301);
        byte[] large = random(10 * CHUNK, 7302);
        JsonNode one = upload(small, "replication=1&chunkSize=" + CHUNK);
        JsonNode two = upload(large, "replication=2&chunkSize=" + CHUNK);
        JsonNode three = upload(large, "replication=3&chunkSize=" + CHUNK);   // the same chunks: shared, now 3 copies
        assertThat(three.path("chunks").get(0).path("chunkId").asString())
                .isEqualTo(two.path("chunks").get(0).path("chunkId").asString());

        await("stats match the files, manifests and nodes").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    JsonNode stats = getJson("/api/storage/stats");
                    Expected expected = expected();
                    JsonNode again = getJson("/api/storage/stats");
                    // only a quiet moment compares: nothing changed while the other endpoints were read
                    assertThat(without(again)).isEqualTo(without(stats));
                    assertAddsUp(stats, expected);
                });

        JsonNode after = getJson("/api/storage/stats");
        assertThat(after.path("files").asLong()).isGreaterThanOrEqualTo(before.path("files").asLong() + 3);
        assertThat(after.path("logicalBytes").asLong())
                .isGreaterThanOrEqualTo(before.path("logicalBytes").asLong() + small.length + 2L * large.length);
        assertThat(one.path("fileId").asString()).isNotBlank();
    }

    @Test
    void theFiguresAreWellFormed() {
        JsonNode stats = getJson("/api/storage/stats");
        JsonNode nodes = stats.path("nodes");
        assertThat(nodes.path("live").asLong() + nodes.path("stale").asLong() + nodes.path("dead").asLong())
                .isEqualTo(nodes.path("total").asLong());
        assertThat(nodes.path("live").asLong()).isGreaterThanOrEqualTo(SHARED_NODES);
        assertThat(stats.path("storageUtilisationPercent").asDouble()).isBetween(0.0, 100.0);
        assertThat(stats.path("bandwidthUtilisationPercent").asDouble()).isGreaterThanOrEqualTo(0.0);
        assertThat(stats.path("capacityBytes").asLong()).isPositive();
        assertThat(stats.path("activeTransfers").asLong()).isEqualTo(
                stats.path("nodeActiveTransfers").asLong() + stats.path("copiesInFlight").asLong());
        for (String field : List.of("files", "chunks", "replicas", "logicalBytes", "storedBytes", "usedBytes",
                "transfersInProgress", "underReplicatedChunks", "unavailableChunks", "replicationFactorAverage")) {
            assertThat(stats.path(field).isNumber()).as(field).isTrue();
            assertThat(stats.path(field).asDouble()).as(field).isGreaterThanOrEqualTo(0);
        }
        assertThat(stats.path("generatedAt").asString()).isNotBlank();
    }

    @Test
    void onlyAdminsSeeTheStats() throws Exception {
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/storage/stats"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> renter = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/storage/stats"))
                .header("Authorization", "Bearer " + com.smartlinkauto.testsupport.security.TestTokens.token("RENTER"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(renter.statusCode()).isEqualTo(403);
    }

    /** The internal twin for user-service's admin overview: the same figures, user-service's service token only. */
    @Test
    void theInternalStatsAreTheSameFiguresForUserServiceOnly() throws Exception {
        await("the same figures in a quiet moment").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> {
                    JsonNode before = getJson("/api/storage/stats");
                    HttpResponse<String> internal = send(serviceRequest("user-service", "/internal/storage/stats"));
                    JsonNode after = getJson("/api/storage/stats");
                    assertThat(internal.statusCode()).as(internal.body()).isEqualTo(200);
                    assertThat(without(after)).isEqualTo(without(before));
                    assertThat(without(tools.jackson.databind.json.JsonMapper.builder().build()
                            .readTree(internal.body()))).isEqualTo(without(after));
                });
        for (String other : List.of("vehicle-service", "storage-node-service", "booking-service")) {
            HttpResponse<String> refused = send(serviceRequest(other, "/internal/storage/stats"));
            assertThat(refused.statusCode()).as(other + ": " + refused.body()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/internal/storage/stats"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        // an admin's user token is for /api/storage/stats, not for the internal plane
        HttpResponse<String> admin = send(request("/internal/storage/stats"));
        assertThat(admin.statusCode()).isEqualTo(401);
        // and user-service's service token opens nothing under /api/storage
        HttpResponse<String> onPublic = send(serviceRequest("user-service", "/api/storage/stats"));
        assertThat(onPublic.statusCode()).isEqualTo(401);
    }

    private void assertAddsUp(JsonNode stats, Expected expected) {
        JsonNode nodes = stats.path("nodes");
        assertThat(nodes.path("total").asLong()).as("nodes.total").isEqualTo(expected.total());
        assertThat(nodes.path("live").asLong()).as("nodes.live").isEqualTo(expected.live());
        assertThat(nodes.path("stale").asLong()).as("nodes.stale").isEqualTo(expected.stale());
        assertThat(nodes.path("dead").asLong()).as("nodes.dead").isEqualTo(expected.dead());
        assertThat(nodes.path("decommissioning").asLong()).isEqualTo(expected.decommissioning());
        assertThat(nodes.path("decommissioned").asLong()).isEqualTo(expected.decommissioned());
        assertThat(stats.path("files").asLong()).as("files").isEqualTo(expected.files());
        assertThat(stats.path("logicalBytes").asLong()).as("logicalBytes").isEqualTo(expected.logicalBytes());
        assertThat(stats.path("chunks").asLong()).as("chunks").isEqualTo(expected.chunks());
        assertThat(stats.path("replicas").asLong()).as("replicas").isEqualTo(expected.replicas())
                .isEqualTo(expected.replicasOnNodes());
        // storedBytes = Σ chunk size × its stored copies, also = Σ of the bytes each node holds for the controller
        assertThat(stats.path("storedBytes").asLong()).as("storedBytes").isEqualTo(expected.storedBytes())
                .isEqualTo(expected.replicaBytesOnNodes());
        assertThat(stats.path("underReplicatedChunks").asLong()).as("under-replicated").isEqualTo(expected.underReplicated());
        assertThat(stats.path("unavailableChunks").asLong()).as("unavailable").isEqualTo(expected.unavailable());
        assertThat(stats.path("replicationFactorAverage").asDouble()).isEqualTo(expected.replicationFactorAverage());
        assertThat(stats.path("usedBytes").asLong()).as("usedBytes").isEqualTo(expected.usedBytes());
        assertThat(stats.path("capacityBytes").asLong()).as("capacityBytes").isEqualTo(expected.capacityBytes());
        assertThat(stats.path("storageUtilisationPercent").asDouble()).isEqualTo(expected.storagePercent());
        assertThat(stats.path("bandwidthUtilisationPercent").asDouble()).isEqualTo(expected.bandwidthPercent());
        assertThat(stats.path("nodeActiveTransfers").asLong()).isEqualTo(expected.nodeActiveTransfers());
        assertThat(stats.path("activeTransfers").asLong()).isEqualTo(
                stats.path("nodeActiveTransfers").asLong() + stats.path("copiesInFlight").asLong());
    }

    /** The figures from GET /api/storage/nodes, the file list and every available file's manifest. */
    private Expected expected() {
        long total = 0, live = 0, stale = 0, dead = 0, decommissioning = 0, decommissioned = 0;
        long used = 0, capacity = 0, rate = 0, bandwidth = 0, active = 0, replicaBytes = 0, replicasOnNodes = 0;
        Map<String, Boolean> counts = new HashMap<>();   // node id → its copies count toward replication
        for (JsonNode node : getJson("/api/storage/nodes")) {
            total++;
            String state = node.path("state").asString();
            String admin = node.path("adminState").asString();
            live += state.equals("LIVE") ? 1 : 0;
            stale += state.equals("STALE") ? 1 : 0;
            dead += state.equals("DEAD") ? 1 : 0;
            decommissioning += admin.equals("DECOMMISSIONING") ? 1 : 0;
            decommissioned += admin.equals("DECOMMISSIONED") ? 1 : 0;
            counts.put(node.path("nodeId").asString(), !state.equals("DEAD") && admin.equals("ACTIVE"));
            if (!state.equals("DEAD")) {
                replicaBytes += node.path("replicaBytes").asLong();
                replicasOnNodes += node.path("replicas").asLong();
            }
            if (state.equals("LIVE")) {
                used += node.path("usedBytes").asLong();
                capacity += node.path("capacityBytes").asLong();
                rate += Math.max(node.path("rateInBps").asLong(), node.path("rateOutBps").asLong());
                bandwidth += node.path("bandwidthMbps").asLong();
                active += node.path("activeTransfers").asLong();
            }
        }
        long files = 0, logical = 0;
        Map<String, long[]> chunks = new HashMap<>();   // chunk id → size, stored copies, counted copies, replication
        for (int page = 0;; page++) {
            JsonNode list = getJson("/api/storage/files?size=200&page=" + page);
            for (JsonNode file : list.path("items")) {
                if (!file.path("status").asString().equals("AVAILABLE")) {
                    continue;
                }
                files++;
                logical += file.path("size").asLong();
                JsonNode manifest = manifest(file.path("fileId").asString());
                for (JsonNode chunk : manifest.path("chunks")) {
                    long stored = chunk.path("replicas").size();
                    long counted = 0;
                    for (JsonNode node : chunk.path("replicas")) {
                        counted += counts.getOrDefault(node.asString(), false) ? 1 : 0;
                    }
                    long countedCopies = counted;
                    long[] figures = chunks.computeIfAbsent(chunk.path("chunkId").asString(),
                            id -> new long[] { chunk.path("size").asLong(), stored, countedCopies, 0 });
                    figures[3] = Math.max(figures[3], manifest.path("replication").asLong());
                }
            }
            if ((long) (page + 1) * 200 >= list.path("total").asLong()) {
                break;
            }
        }
        long replicas = 0, storedBytes = 0, under = 0, unavailable = 0;
        for (long[] chunk : chunks.values()) {
            replicas += chunk[1];
            storedBytes += chunk[0] * chunk[1];
            under += chunk[2] < chunk[3] ? 1 : 0;
            unavailable += chunk[1] == 0 ? 1 : 0;
        }
        double average = chunks.isEmpty() ? 0 : Math.round((double) replicas / chunks.size() * 100) / 100.0;
        return new Expected(total, live, stale, dead, decommissioning, decommissioned, files, logical, chunks.size(),
                replicas, storedBytes, under, unavailable, average, used, capacity,
                capacity == 0 ? 0 : Math.round((double) used / capacity * 100 * 100) / 100.0,
                bandwidth == 0 ? 0 : Math.round(rate * 8.0 / (bandwidth * 1_000_000.0) * 100 * 100) / 100.0,
                active, replicaBytes, replicasOnNodes);
    }

    private JsonNode without(JsonNode stats) {
        return ((tools.jackson.databind.node.ObjectNode) stats.deepCopy()).without("generatedAt");
    }
}
