package com.smartlinkauto.storage.file;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.smartlinkauto.storage.StorageNodes;
import com.smartlinkauto.storage.StorageTestSupport;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class FileRoundTripIT extends StorageTestSupport {

    private static final int CHUNK = 64 * 1024;

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = { 0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 5 * CHUNK + 7 })
    void roundTripsAreByteIdenticalWithEveryChunkOnThreeZones(int size) throws Exception {
        byte[] data = random(size, size);
        JsonNode manifest = upload(data, "replication=3&chunkSize=" + CHUNK);

        assertThat(manifest.path("size").asLong()).isEqualTo(size);
        assertThat(manifest.path("sha256").asString()).isEqualTo(sha256(data));
        assertThat(manifest.path("status").asString()).isEqualTo("AVAILABLE");
        assertThat(manifest.path("chunkSize").asInt()).isEqualTo(CHUNK);
        assertThat(manifest.path("chunks").size()).isEqualTo((size + CHUNK - 1) / CHUNK);
        long offset = 0;
        for (JsonNode chunk : manifest.path("chunks")) {
            int length = chunk.path("size").asInt();
            assertThat(chunk.path("offset").asLong()).isEqualTo(offset);
            assertThat(chunk.path("chunkId").asString())
                    .isEqualTo(sha256(Arrays.copyOfRange(data, (int) offset, (int) offset + length)));
            Set<String> replicas = new HashSet<>();
            chunk.path("replicas").forEach(r -> replicas.add(r.asString()));
            assertThat(replicas).as("three distinct nodes, one per zone a/b/c").hasSize(3);
            for (String node : replicas) {
                // the bytes really are on that node's disk
                assertThat(StorageNodes.get(node).chunkStatus(chunk.path("chunkId").asString())).isEqualTo(200);
            }
            offset += length;
        }

        HttpResponse<byte[]> download = download(manifest.path("fileId").asString(), null);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(data);
        assertThat(download.headers().firstValue("ETag")).hasValue("\"" + sha256(data) + "\"");
        assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(size);
    }

    @Test
    void fiftyMebibytesWithTheDefaultChunkSize() throws Exception {
        byte[] data = random(50 * 1024 * 1024, 50);
        JsonNode manifest = upload(data, null);
        assertThat(manifest.path("chunkSize").asInt()).isEqualTo(4 * 1024 * 1024);
        assertThat(manifest.path("replication").asInt()).isEqualTo(3);
        assertThat(manifest.path("chunks").size()).isEqualTo(13);
        HttpResponse<byte[]> download = download(manifest.path("fileId").asString(), null);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(sha256(download.body())).isEqualTo(sha256(data));
    }

    @Test
    void rangesAcrossChunkBoundaries() throws Exception {
        byte[] data = random(3 * CHUNK + 100, 7);
        String fileId = upload(data, "replication=2&chunkSize=64KB").path("fileId").asString();

        HttpResponse<byte[]> middle = download(fileId, "bytes=" + (CHUNK - 10) + "-" + (2 * CHUNK + 9));
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(data, CHUNK - 10, 2 * CHUNK + 10));
        assertThat(middle.headers().firstValue("Content-Range"))
                .hasValue("bytes " + (CHUNK - 10) + "-" + (2 * CHUNK + 9) + "/" + data.length);

        HttpResponse<byte[]> suffix = download(fileId, "bytes=-150");
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(data, data.length - 150, data.length));

        HttpResponse<byte[]> open = download(fileId, "bytes=" + (3 * CHUNK) + "-");
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(data, 3 * CHUNK, data.length));

        HttpResponse<byte[]> outside = download(fileId, "bytes=" + data.length + "-");
        assertThat(outside.statusCode()).isEqualTo(416);
        assertThat(outside.headers().firstValue("Content-Range")).hasValue("bytes */" + data.length);
        assertThat(outside.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        HttpResponse<byte[]> multi = download(fileId, "bytes=0-1,5-6");
        assertThat(multi.statusCode()).isEqualTo(200);
        assertThat(multi.body()).isEqualTo(data);
    }

    @Test
    void multipartUploadKeepsNameAndType() throws Exception {
        byte[] data = random(200_000, 11);
        String boundary = "----smartlink" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"replication\"\r\n\r\n2\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"car photo.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + data.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(data, 0, body, head.length, data.length);
        System.arraycopy(tail, 0, body, head.length + data.length, tail.length);

        HttpResponse<String> response = send(request("/api/storage/files")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode manifest = json.readTree(response.body());
        assertThat(manifest.path("name").asString()).isEqualTo("car photo.jpg");
        assertThat(manifest.path("contentType").asString()).isEqualTo("image/jpeg");
        assertThat(manifest.path("replication").asInt()).isEqualTo(2);
        assertThat(response.headers().firstValue("Location"))
                .hasValue("/api/storage/files/" + manifest.path("fileId").asString());

        HttpResponse<byte[]> download = download(manifest.path("fileId").asString(), null);
        assertThat(download.body()).isEqualTo(data);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).contains("car photo.jpg");
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
