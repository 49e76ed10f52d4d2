package com.smartlinkauto.storage;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Probes, metrics, OpenAPI and request ids: what operators and clients rely on. */
class OperationsIT extends StorageTestSupport {

    @Test
    void healthProbesArePublic() throws Exception {
        for (String probe : new String[] { "/actuator/health/liveness", "/actuator/health/readiness" }) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + probe))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("UP");
        }
    }

    @Test
    void storageMetricsAreExported() throws Exception {
        upload(random(70_000, 3), "replication=2&chunkSize=64KB");
        String id = upload(random(1000, 4), "replication=1").path("fileId").asString();
        download(id, null);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .containsPattern("smartlink_storage_bytes_total\\{application=\"storage-controller-service\",direction=\"in\"[^}]*} [1-9]")
                .containsPattern("smartlink_storage_bytes_total\\{application=\"storage-controller-service\",direction=\"out\"[^}]*} [1-9]")
                .contains("smartlink_storage_chunk_writes_seconds_bucket")
                .contains("smartlink_storage_chunk_reads_seconds_bucket")
                .contains("smartlink_storage_chunks_under_replicated")
                .contains("smartlink_storage_buffer_bytes");
    }

    @Test
    void theOpenApiDescriptionCoversTheApi() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/v3/api-docs"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode paths = json.readTree(response.body()).path("paths");
        for (String path : new String[] { "/api/storage/files", "/api/storage/files/{fileId}",
                "/api/storage/files/{fileId}/manifest", "/api/storage/nodes", "/api/storage/nodes/{nodeId}/decommission",
                "/api/storage/links", "/api/storage/topology", "/api/storage/transfers",
                "/api/storage/transfers/{transferId}", "/api/storage/stats" }) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
    }

    @Test
    void theRequestIdIsEchoedAndGivenToTheNodes() {
        HttpResponse<String> response = send(request("/api/storage/nodes").header("X-Request-Id", "ops-it-0001").GET());
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("ops-it-0001");
    }
}
