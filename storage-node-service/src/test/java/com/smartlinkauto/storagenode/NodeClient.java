package com.smartlinkauto.storagenode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.smartlinkauto.testsupport.security.TestTokens;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of one storage node over real HTTP, as the controller or another node would call it: with the
 * controller's service token unless {@link #authorizedBy(String)} says otherwise.
 */
public final class NodeClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** The controller's service token for the nodes: what every request carries unless told otherwise. */
    public static String controllerToken() {
        return TestTokens.service("storage-controller-service", "storage-node-service");
    }

    private final String base;
    /** The Authorization header value, null for none. */
    private final String authorization;

    public NodeClient(String base) {
        this(base, "Bearer " + controllerToken());
    }

    private NodeClient(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** The same node, called with another Authorization header (null: none). */
    public NodeClient authorizedBy(String authorization) {
        return new NodeClient(base, authorization);
    }

    public static NodeClient at(int port) {
        return new NodeClient("http://127.0.0.1:" + port);
    }

    public String base() {
        return base;
    }

    public record Response(int status, HttpHeaders headers, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** A problem+json answer with this status and type slug. */
        public Response assertProblem(int expectedStatus, String slug) {
            assertThat(status).as(text()).isEqualTo(expectedStatus);
            assertThat(header("Content-Type")).startsWith("application/problem+json");
            assertThat(json().path("type").asString()).isEqualTo("https://smartlinkauto.com/problems/" + slug);
            return this;
        }
    }

    /** PUT with a Content-Length. */
    public Response put(String id, byte[] body, String... headers) {
        return send(request("/chunks/" + id, headers).PUT(BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/octet-stream"));
    }

    /** PUT with another content type: the body is still just bytes. */
    public Response putAs(String id, byte[] body, String contentType) {
        return send(request("/chunks/" + id).PUT(BodyPublishers.ofByteArray(body)).header("Content-Type", contentType));
    }

    /** PUT with {@code Transfer-Encoding: chunked} (no Content-Length): the node cannot check the size up front. */
    public Response putChunked(String id, byte[] body, String... headers) {
        BodyPublisher publisher = BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
        return send(request("/chunks/" + id, headers).PUT(publisher).header("Content-Type", "application/octet-stream"));
    }

    public Response get(String id, String... headers) {
        return send(request("/chunks/" + id, headers).GET());
    }

    public Response head(String id) {
        return send(request("/chunks/" + id).method("HEAD", BodyPublishers.noBody()));
    }

    public Response delete(String id) {
        return send(request("/chunks/" + id).DELETE());
    }

    public Response push(String id, String target, String via) {
        String body = via == null ? "{\"target\":\"" + target + "\"}"
                : "{\"target\":\"" + target + "\",\"via\":\"" + via + "\"}";
        return send(request("/chunks/" + id + "/push").POST(BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"));
    }

    public Response path(String path) {
        return send(request(path).GET());
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            var response = HTTP.send(request.build(), BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers(), response.body());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
