package com.smartlinkauto.storage.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.smartlinkauto.storage.StorageTestSupport;
import com.smartlinkauto.storage.file.FileStore;

import tools.jackson.databind.JsonNode;

/**
 * A full chunk report is a snapshot: one generated before the controller dropped a copy (a MOVE's source, a
 * surplus copy) still lists it, while the node is deleting it. Put back, the map would point at a copy that
 * is gone, and the repair job could trim the real one as surplus. Seen as a flaky TransferIT: a moved chunk
 * was mapped on its target and, again, on its source.
 */
class StaleChunkReportIT extends StorageTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    FileStore files;

    private String register(String nodeId, String key) {
        String heartbeat = """
                {"nodeId":"%s","zone":"a","baseUrl":"http://127.0.0.1:3","vcpus":1,"memoryGb":1,"storageGb":0,
                 "bandwidthMbps":100,"capacityBytes":0,"usedBytes":0,"freeBytes":0,"chunkCount":0,
                 "activeTransfers":0,"bytesIn":0,"bytesOut":0,"corruptChunks":[],"startedAt":"%s"}"""
                .formatted(nodeId, Instant.now());
        HttpResponse<String> answer = send(nodeRequest("/internal/storage/nodes/" + nodeId + "/heartbeat")
                .header("X-Node-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(heartbeat)));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return nodeId;
    }

    private void report(String nodeId, String key, Instant generatedAt, String chunkId) {
        HttpResponse<String> answer = send(nodeRequest("/internal/storage/nodes/" + nodeId + "/chunks")
                .header("X-Node-Key", key).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"nodeId":"%s","generatedAt":"%s","chunkCount":1,"usedBytes":1000,
                         "chunks":[{"id":"%s","size":1000}]}""".formatted(nodeId, generatedAt, chunkId))));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private boolean mapped(String nodeId, String chunkId) {
        return jdbc.queryForObject("select count(*) from chunk_replica where node_id = ? and chunk_id = ?",
                Integer.class, nodeId, chunkId) > 0;
    }

    @Test
    void aReportGeneratedBeforeACopyWasDroppedDoesNotPutItBack() {
        JsonNode manifest = upload(random(1000, 6061), "replication=1");
        String chunkId = manifest.path("chunks").get(0).path("chunkId").asString();
        String key = newNodeKey();
        String node = register("it-stale-" + Long.toHexString(System.nanoTime()), key);
        Instant beforeTheDrop = Instant.now().minusSeconds(30);
        jdbc.update("insert into chunk_replica (chunk_id, node_id, status, attempts, bytes, created_at, updated_at) "
                + "values (?, ?, 'COMPLETED', 0, 1000, now() - interval '1 minute', now() - interval '1 minute')",
                chunkId, node);

        files.dropReplica(chunkId, node);
        assertThat(mapped(node, chunkId)).isFalse();

        report(node, key, beforeTheDrop, chunkId);
        assertThat(mapped(node, chunkId)).as("a stale report does not resurrect the dropped copy").isFalse();

        // a report generated well after the drop lists a copy that is really there: it is mapped (and the
        // repair job trims the surplus)
        jdbc.update("update replica_drop set dropped_at = now() - interval '1 minute' where chunk_id = ? and node_id = ?",
                chunkId, node);
        java.sql.Timestamp reported = jdbc.queryForObject("select now()", java.sql.Timestamp.class);
        report(node, key, Instant.now(), chunkId);
        // checked in this order: the repair job may already have trimmed it again (this node, with no free
        // space, is the first surplus copy it drops), and then a drop newer than the report is recorded
        boolean mapped = mapped(node, chunkId);
        boolean droppedAgain = jdbc.queryForObject("select count(*) from replica_drop where chunk_id = ? and node_id = ? "
                + "and dropped_at >= ?", Integer.class, chunkId, node, reported) > 0;
        assertThat(mapped || droppedAgain).as("a fresh report maps the copy").isTrue();
    }
}
