package com.smartlinkauto.storage.file;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.smartlinkauto.storage.StorageTestSupport;
import com.smartlinkauto.testsupport.security.TestTokens;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input is a 4xx problem and stores nothing; only admins get in. */
class FileValidationIT extends StorageTestSupport {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "replication=0", "replication=6", "replication=three", "chunkSize=1000",
            "chunkSize=65535", "chunkSize=65MB", "chunkSize=lots", "chunkSize=-4MB" })
    void badUploadParametersAre400AndStoreNothing(String query) {
        long before = fileCount();
        HttpResponse<String> response = uploadRaw(random(1000, 1), query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertProblem(response);
        assertThat(fileCount()).isEqualTo(before);
    }

    @Test
    void aNameWithControlCharactersIs400() {
        HttpResponse<String> response = send(request("/api/storage/files?name=bad%0Aname")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[10])));
        assertThat(response.statusCode()).isEqualTo(400);
        assertProblem(response);
    }

    @Test
    void multipartWithoutAFilePartIs400() {
        long before = fileCount();
        String boundary = "b" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"replication\"\r\n\r\n2\r\n--"
                + boundary + "--\r\n";
        HttpResponse<String> response = send(request("/api/storage/files")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).path("type").asString()).endsWith("/invalid-upload");
        assertThat(fileCount()).isEqualTo(before);
    }

    @Test
    void unknownAndMalformedFileIds() {
        HttpResponse<String> unknown = send(request("/api/storage/files/7f1c3f7e-0000-4000-8000-000000000000").GET());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).path("type").asString()).endsWith("/file-not-found");
        HttpResponse<String> manifest = send(request("/api/storage/files/7f1c3f7e-0000-4000-8000-000000000000/manifest").GET());
        assertThat(manifest.statusCode()).isEqualTo(404);
        HttpResponse<String> malformed = send(request("/api/storage/files/not-a-uuid").GET());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertProblem(malformed);
    }

    @Test
    void onlyAdminsMayUseTheStorageApi() throws Exception {
        for (String path : new String[] { "/api/storage/files", "/api/storage/nodes" }) {
            HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(base() + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertProblem(anonymous);
            for (String role : new String[] { "RENTER", "PARTNER" }) {
                HttpResponse<String> denied = HTTP.send(HttpRequest.newBuilder(URI.create(base() + path))
                        .header("Authorization", "Bearer " + TestTokens.token(role)).timeout(Duration.ofSeconds(10))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(denied.statusCode()).isEqualTo(403);
                assertProblem(denied);
            }
        }
        long before = fileCount();
        HttpResponse<String> upload = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/storage/files"))
                .header("Authorization", "Bearer " + TestTokens.token("PARTNER")).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[100])).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).isEqualTo(403);
        assertThat(fileCount()).isEqualTo(before);
    }

    @Test
    void heartbeatsThatDoNotAddUpAre400() {
        String mismatched = """
                {"nodeId":"other-node","zone":"a","baseUrl":"http://127.0.0.1:1","vcpus":1,"memoryGb":1,"storageGb":1,
                 "bandwidthMbps":100,"capacityBytes":1,"usedBytes":0,"freeBytes":1,"chunkCount":0,"activeTransfers":0,
                 "bytesIn":0,"bytesOut":0,"startedAt":"2026-11-22T01:00:00Z"}""";
        HttpResponse<String> response = send(nodeRequest("/internal/storage/nodes/some-node/heartbeat")
                .header("X-Node-Key", newNodeKey())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(mismatched)));
        assertThat(response.statusCode()).isEqualTo(400);
        assertProblem(response);
        HttpResponse<String> missing = send(nodeRequest("/internal/storage/nodes/some-node/heartbeat")
                .header("X-Node-Key", newNodeKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"nodeId\":\"some-node\"}")));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertProblem(missing);
        assertThat(send(request("/api/storage/nodes/some-node").GET()).statusCode()).isEqualTo(404);
    }

    private long fileCount() {
        return getJson("/api/storage/files?size=1").path("total").asLong();
    }

    private void assertProblem(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(response.statusCode());
        assertThat(problem.path("type").asString()).startsWith("https://smartlinkauto.com/problems/");
    }
}
