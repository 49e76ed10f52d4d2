package com.smartlinkauto.storage.file;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.smartlinkauto.storage.StorageTestSupport;

import tools.jackson.databind.JsonNode;

import static com.smartlinkauto.storage.file.FileRoundTripIT.sha256;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /internal/storage/files}: the file API other services call with their service token (each sees only its
 * own files), while {@code /api/storage/files} stays admin-only. Nobody else gets in: not an anonymous caller,
 * not a user (an admin neither), not a token for another service.
 */
class InternalFileApiIT extends StorageTestSupport {

    private static final int CHUNK = 64 * 1024;

    @Autowired
    JdbcTemplate jdbc;

    /** A request as user-service sends it through the storage client: its service token for the controller. */
    private HttpRequest.Builder internal(String path) {
        return serviceRequest("user-service", "/internal/storage/files" + path);
    }

    /** The same without any Authorization header. */
    private HttpRequest.Builder anonymous(String path) {
        return HttpRequest.newBuilder(URI.create(base() + "/internal/storage/files" + path))
                .timeout(Duration.ofMinutes(2));
    }

    @Test
    void aServiceStoresReadsAndDeletesAFileWithItsServiceToken() throws Exception {
        byte[] data = random(3 * CHUNK + 17, 4242);
        HttpResponse<String> created = send(internal("?replication=2&chunkSize=" + CHUNK + "&name=licence.pdf")
                .header("Content-Type", "application/pdf")
                .header("X-Storage-Owner", "someone-else")
                .POST(HttpRequest.BodyPublishers.ofByteArray(data)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode manifest = json.readTree(created.body());
        String fileId = manifest.path("fileId").asString();
        assertThat(created.headers().firstValue("Location")).hasValue("/internal/storage/files/" + fileId);
        assertThat(manifest.path("size").asLong()).isEqualTo(data.length);
        assertThat(manifest.path("sha256").asString()).isEqualTo(sha256(data));
        assertThat(manifest.path("contentType").asString()).isEqualTo("application/pdf");
        assertThat(manifest.path("name").asString()).isEqualTo("licence.pdf");
        assertThat(manifest.path("status").asString()).isEqualTo("AVAILABLE");
        assertThat(manifest.path("chunks").size()).isEqualTo(4);
        assertThat(jdbc.queryForObject("select owner_id from stored_file where file_id = ?", String.class,
                UUID.fromString(fileId))).isEqualTo("user-service");

        HttpResponse<byte[]> download = sendBytes(internal("/" + fileId).GET());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(data);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(data.length);
        assertThat(download.headers().firstValue("ETag")).hasValue("\"" + sha256(data) + "\"");

        HttpResponse<byte[]> range = sendBytes(internal("/" + fileId).header("Range", "bytes=" + (CHUNK - 5) + "-"
                + (CHUNK + 4)).GET());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(data, CHUNK - 5, CHUNK + 5));
        assertThat(range.headers().firstValue("Content-Range"))
                .hasValue("bytes " + (CHUNK - 5) + "-" + (CHUNK + 4) + "/" + data.length);

        HttpResponse<String> head = send(internal("/" + fileId).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(data.length);

        HttpResponse<String> chunks = send(internal("/" + fileId + "/manifest").GET());
        assertThat(chunks.statusCode()).isEqualTo(200);
        assertThat(json.readTree(chunks.body()).path("chunks").size()).isEqualTo(4);

        assertThat(send(internal("/" + fileId).DELETE()).statusCode()).isEqualTo(204);
        HttpResponse<String> gone = send(internal("/" + fileId).GET());
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(gone.body()).path("type").asString()).endsWith("/file-not-found");
        assertThat(send(internal("/" + fileId).DELETE()).statusCode()).isEqualTo(404);
    }

    @Test
    void multipartUploadsWorkInternallyToo() {
        byte[] data = random(100_000, 77);
        String boundary = "----internal" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"car.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + data.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(data, 0, body, head.length, data.length);
        System.arraycopy(tail, 0, body, head.length + data.length, tail.length);

        HttpResponse<String> created = send(internal("")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode manifest = json.readTree(created.body());
        assertThat(manifest.path("name").asString()).isEqualTo("car.png");
        assertThat(manifest.path("contentType").asString()).isEqualTo("image/png");
        HttpResponse<byte[]> download = sendBytes(internal("/" + manifest.path("fileId").asString()).GET());
        assertThat(download.body()).isEqualTo(data);
    }

    @Test
    void withoutAServiceTokenForTheControllerNothingIsReadStoredOrDeleted() {
        byte[] data = random(5_000, 91);
        HttpResponse<String> created = send(internal("").header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(data)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String fileId = json.readTree(created.body()).path("fileId").asString();
        long files = jdbc.queryForObject("select count(*) from stored_file", Long.class);

        String[] refusedTokens = { null, com.smartlinkauto.testsupport.security.TestTokens.admin(),
                com.smartlinkauto.testsupport.security.TestTokens.service("user-service", "vehicle-service"),
                com.smartlinkauto.testsupport.security.TestTokens.service("user-service",
                        java.util.List.of("storage-controller-service"), "openid", Duration.ofMinutes(5)) };
        for (String token : refusedTokens) {
            for (HttpRequest.Builder request : new HttpRequest.Builder[] { anonymous("/" + fileId).GET(),
                    anonymous("/" + fileId + "/manifest").GET(), anonymous("/" + fileId).DELETE(),
                    anonymous("").header("Content-Type", "application/pdf")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(data)) }) {
                if (token != null) {
                    request.header("Authorization", "Bearer " + token);
                }
                HttpResponse<String> refused = send(request);
                assertThat(refused.statusCode()).as(String.valueOf(token)).isEqualTo(401);
                assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(refused.body()).doesNotContain("licence").doesNotContain("\"chunks\"");
            }
        }
        assertThat(jdbc.queryForObject("select count(*) from stored_file", Long.class)).isEqualTo(files);
        assertThat(sendBytes(internal("/" + fileId).GET()).body()).isEqualTo(data);
    }

    @Test
    void aServiceSeesOnlyItsOwnFiles() {
        byte[] document = random(4_000, 17);
        HttpResponse<String> created = send(internal("").header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(document)));
        String fileId = json.readTree(created.body()).path("fileId").asString();

        // vehicle-service (and a storage node) holds a valid token for the controller, but not this file
        for (String client : new String[] { "vehicle-service", "storage-node-service" }) {
            for (HttpRequest.Builder request : new HttpRequest.Builder[] {
                    serviceRequest(client, "/internal/storage/files/" + fileId).GET(),
                    serviceRequest(client, "/internal/storage/files/" + fileId + "/manifest").GET(),
                    serviceRequest(client, "/internal/storage/files/" + fileId).DELETE() }) {
                HttpResponse<String> hidden = send(request);
                assertThat(hidden.statusCode()).isEqualTo(404);
                assertThat(json.readTree(hidden.body()).path("type").asString()).endsWith("/file-not-found");
            }
        }
        assertThat(sendBytes(internal("/" + fileId).GET()).body()).isEqualTo(document);
        // an admin reaches every file on the admin API
        assertThat(download(fileId, null).body()).isEqualTo(document);
    }

    @Test
    void aBadOwnerHeaderIs400AndStoresNothing() {
        long before = jdbc.queryForObject("select count(*) from stored_file", Long.class);
        HttpResponse<String> response = send(internal("").header("X-Storage-Owner", "x".repeat(101))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[10])));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).path("type").asString()).endsWith("/invalid-upload");
        assertThat(jdbc.queryForObject("select count(*) from stored_file", Long.class)).isEqualTo(before);
    }

    @Test
    void thePublicFileApiStillNeedsAnAdminToken() throws Exception {
        String fileId = upload(random(1000, 3), null).path("fileId").asString();
        for (HttpRequest.Builder anonymous : new HttpRequest.Builder[] {
                HttpRequest.newBuilder(URI.create(base() + "/api/storage/files/" + fileId)).GET(),
                HttpRequest.newBuilder(URI.create(base() + "/api/storage/files/" + fileId + "/manifest")).GET(),
                HttpRequest.newBuilder(URI.create(base() + "/api/storage/files/" + fileId)).DELETE(),
                HttpRequest.newBuilder(URI.create(base() + "/api/storage/files"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[10])) }) {
            HttpResponse<String> response = send(anonymous.timeout(Duration.ofSeconds(10)));
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        // still there: the anonymous DELETE changed nothing
        assertThat(download(fileId, null).statusCode()).isEqualTo(200);
    }
}
