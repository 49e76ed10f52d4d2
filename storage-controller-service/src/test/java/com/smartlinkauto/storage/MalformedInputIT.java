package com.smartlinkauto.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Issue #10's malformed requests against the storage controller, which answered 500 before: a NUL in a node
 * id reached PostgreSQL, {@code chunkSize=9999999TB} overflowed while converted to bytes. Each is now a 4xx
 * problem and stores nothing.
 */
class MalformedInputIT extends StorageTestSupport {

    private static final String NUL = "\u0000";

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private long fileCount() {
        return getJson("/api/storage/files?size=1").path("total").asLong();
    }

    private JsonNode assertProblem(HttpResponse<String> response, int status, String slug) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("type").asString()).isEqualTo("https://smartlinkauto.com/problems/" + slug);
        assertThat(problem.path("correlationId").asString()).isNotBlank();
        return problem;
    }

    private void assertInvalid(HttpResponse<String> response, String field) {
        JsonNode problem = assertProblem(response, 400, "validation");
        assertThat(problem.path("errors").findValuesAsString("field")).as(response.body()).contains(field);
    }

    private HttpResponse<String> postJson(String path, String body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void nodeIdsWithNulOrOutsideTheNodeIdAlphabetAre400() {
        String a = nodes.get(0).id;
        String b = nodes.get(1).id;
        assertInvalid(postJson("/api/storage/links",
                "{\"nodeA\":\"" + a + "\\u0000\",\"nodeB\":\"" + b + "\",\"bandwidthMbps\":100}"), "nodeA");
        assertInvalid(postJson("/api/storage/links",
                "{\"nodeA\":\"" + a + "\",\"nodeB\":\"B\\u202Ex\",\"bandwidthMbps\":100}"), "nodeB");
        assertInvalid(send(request("/api/storage/links?nodeA=" + q(a + NUL) + "&nodeB=" + q(b)).DELETE()), "nodeA");
        String fileId = upload(random(1000, 3), "replication=1").path("fileId").asString();
        assertInvalid(postJson("/api/storage/transfers", "{\"fileId\":\"" + fileId + "\",\"sourceNodeId\":\"" + a
                + "\\u0000\",\"targetNodeId\":\"" + b + "\"}"), "sourceNodeId");
        assertInvalid(send(request("/api/storage/nodes/NODE-1").GET()), "nodeId");
        assertInvalid(send(request("/api/storage/nodes/" + "x".repeat(64) + "/decommission")
                .POST(HttpRequest.BodyPublishers.noBody())), "nodeId");
        // an encoded NUL in the path is refused by Tomcat itself, as problem+json too
        assertProblem(send(request("/api/storage/nodes/a%00b").GET()), 400, "malformed-request");
        assertThat(getJson("/api/storage/links").size()).isZero();
        // well-formed ids still work
        assertThat(getJson("/api/storage/nodes/" + a).path("nodeId").asString()).isEqualTo(a);
    }

    @Test
    void aChunkSizeBeyondALongIs400AndStoresNothing() {
        long before = fileCount();
        for (String chunkSize : new String[] { "9999999TB", "99999999999999999999", "9223372036854775807TB",
                "1" + "0".repeat(40) + "B" }) {
            assertProblem(uploadRaw(random(1000, 1), "chunkSize=" + q(chunkSize)), 400, "invalid-upload");
        }
        String boundary = "b" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"chunkSize\"\r\n\r\n9999999TB\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n\r\nabc\r\n--"
                + boundary + "--\r\n";
        assertProblem(send(request("/api/storage/files").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body))), 400, "invalid-upload");
        assertThat(fileCount()).isEqualTo(before);
    }

    @Test
    void multipartWithoutABoundaryAndBadNamesOrTypesAre4xxAndStoreNothing() {
        long before = fileCount();
        assertProblem(send(request("/api/storage/files").header("Content-Type", "multipart/form-data")
                .POST(HttpRequest.BodyPublishers.ofString("hello"))), 400, "invalid-upload");
        assertProblem(send(request("/api/storage/files?name=" + q("invoice\u202Efdp.exe"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[10]))), 400, "invalid-upload");
        assertProblem(send(request("/api/storage/files?name=" + q("x".repeat(256)))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[10]))), 400, "invalid-upload");
        String boundary = "b" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n"
                + "Content-Type: text/plain; charset=\"a" + NUL + "b\"\r\n\r\nabc\r\n--" + boundary + "--\r\n";
        assertProblem(send(request("/api/storage/files").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body))), 415, "unsupported-media-type");
        assertThat(fileCount()).isEqualTo(before);
    }

    @Test
    void malformedIdsAndPagesAreProblemsNamingTheParameter() {
        for (String[] c : new String[][] { { "/api/storage/transfers/not-a-uuid", "transferId" },
                { "/api/storage/files?page=99999999999", "page" },
                { "/api/storage/transfers?status=" + q("DONE" + NUL + "X"), "status" } }) {
            JsonNode problem = assertProblem(send(request(c[0]).GET()), 400, "malformed-request");
            assertThat(problem.path("errors").findValuesAsString("field")).contains(c[1]);
        }
    }
}
