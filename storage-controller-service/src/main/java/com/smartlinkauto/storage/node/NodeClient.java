package com.smartlinkauto.storage.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import com.smartlinkauto.servicedefaults.Correlation;
import com.smartlinkauto.servicedefaults.Threads;
import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokenException;
import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokens;
import com.smartlinkauto.storage.StorageProperties;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The controller's side of the storage-node HTTP API (storage-node-service/README.md): pipelined chunk
 * writes, ranged reads, node-to-node pushes and deletes, the request id passed on. Chunk bytes go over
 * {@link HttpURLConnection} straight from and into the caller's buffers; the small JSON calls (push,
 * delete) over the JDK {@link HttpClient}. Every request carries a service token for storage-node-service.
 */
@Component
public class NodeClient implements DisposableBean {

    private final HttpClient http;
    private final ExecutorService executor;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    private final JsonMapper json;
    private final ServiceTokens tokens;

    /** The audience of the nodes' service tokens. */
    static final String NODE_AUDIENCE = "storage-node-service";

    NodeClient(StorageProperties properties, JsonMapper json, ServiceTokens tokens) {
        this.tokens = tokens;
        this.executor = Executors.newCachedThreadPool(Threads.daemon("node-client-"));
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.nodes().connectTimeout())
                .executor(executor)
                .build();
        this.requestTimeout = properties.nodes().requestTimeout();
        this.connectTimeout = properties.nodes().connectTimeout();
        this.json = json;
    }

    /** What one node of a write pipeline reported. */
    public record ReplicaOutcome(String url, String nodeId, String status, String error) {

        public boolean stored() {
            return "CREATED".equals(status) || "EXISTING".equals(status);
        }
    }

    /**
     * PUTs a chunk to the first node, which stores it and forwards it along the rest of the pipeline.
     *
     * @return one outcome per pipeline node, in order (all FAILED when the first node could not be used)
     */
    public List<ReplicaOutcome> write(String chunkId, byte[] data, int offset, int length, List<StorageNode> pipeline) {
        StorageNode first = pipeline.get(0);
        List<String> rest = pipeline.subList(1, pipeline.size()).stream().map(StorageNode::baseUrl).toList();
        HttpURLConnection connection = null;
        try {
            connection = open(first.baseUrl() + "/chunks/" + chunkId, "PUT");
            connection.setRequestProperty("Content-Type", "application/octet-stream");
            if (!rest.isEmpty()) {
                connection.setRequestProperty("X-Replicate-To", String.join(",", rest));
            }
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(data, offset, length);
            }
            int status = connection.getResponseCode();
            String body = readBody(connection, status);
            if (status != 200 && status != 201) {
                refused(status);
                String error = "answered " + status + " " + problemSummary(body);
                return failedPipeline(pipeline, error);
            }
            return outcomes(pipeline, json.readTree(body));
        }
        catch (IOException ex) {
            if (connection != null) {
                connection.disconnect();
            }
            return failedPipeline(pipeline, describe(ex));
        }
    }

    private static List<ReplicaOutcome> failedPipeline(List<StorageNode> pipeline, String error) {
        StorageNode first = pipeline.get(0);
        return pipeline.stream().map(node -> new ReplicaOutcome(node.baseUrl(), node.nodeId(),
                node == first ? "FAILED" : "SKIPPED", node == first ? error : "not attempted: " + error)).toList();
    }

    private List<ReplicaOutcome> outcomes(List<StorageNode> pipeline, JsonNode body) {
        Map<String, JsonNode> byUrl = new LinkedHashMap<>();
        for (JsonNode replica : body.path("replicas")) {
            byUrl.put(replica.path("url").asString(""), replica);
        }
        List<ReplicaOutcome> result = new ArrayList<>();
        for (int i = 0; i < pipeline.size(); i++) {
            StorageNode node = pipeline.get(i);
            JsonNode replica = byUrl.get(node.baseUrl());
            if (replica == null && i == 0 && body.path("replicas").size() > 0) {
                replica = body.path("replicas").get(0);   // the first node reports its own advertised URL
            }
            if (replica == null) {
                result.add(new ReplicaOutcome(node.baseUrl(), node.nodeId(), "FAILED", "not reported by the pipeline"));
                continue;
            }
            String reportedId = replica.path("nodeId").asString(null);
            if (reportedId != null && !reportedId.equals(node.nodeId())) {
                result.add(new ReplicaOutcome(node.baseUrl(), node.nodeId(), "FAILED",
                        "the node at " + node.baseUrl() + " is now " + reportedId));
                continue;
            }
            result.add(new ReplicaOutcome(node.baseUrl(), node.nodeId(), replica.path("status").asString("FAILED"),
                    replica.path("error").asString(null)));
        }
        return result;
    }

    /**
     * Reads {@code [from, to)} of a chunk (the whole chunk when it is the full range) into {@code target}
     * at {@code targetOffset}.
     *
     * @throws NodeException when the node does not deliver exactly those bytes
     */
    public void read(StorageNode node, String chunkId, int chunkSize, int from, int to, byte[] target,
            int targetOffset) {
        boolean whole = from == 0 && to == chunkSize;
        HttpURLConnection connection = null;
        try {
            connection = open(node.baseUrl() + "/chunks/" + chunkId, "GET");
            if (!whole) {
                connection.setRequestProperty("Range", "bytes=" + from + "-" + (to - 1));
            }
            int status = connection.getResponseCode();
            if (status != (whole ? 200 : 206)) {
                readBody(connection, status);
                refused(status);
                if (status == 404) {
                    throw new NodeException(NodeException.Kind.NOT_FOUND, node.nodeId() + " does not hold the chunk");
                }
                if (status == 409) {
                    throw new NodeException(NodeException.Kind.CORRUPTED,
                            node.nodeId() + " found its copy corrupted and quarantined it");
                }
                throw new NodeException(NodeException.Kind.ERROR, node.nodeId() + " answered " + status);
            }
            try (InputStream body = connection.getInputStream()) {
                int wanted = to - from;
                int read = body.readNBytes(target, targetOffset, wanted);
                if (read != wanted || body.read() != -1) {
                    connection.disconnect();
                    throw new NodeException(NodeException.Kind.ERROR,
                            node.nodeId() + " sent " + read + " of " + wanted + " bytes");
                }
            }
        }
        catch (IOException ex) {
            if (connection != null) {
                connection.disconnect();
            }
            throw new NodeException(NodeException.Kind.UNREACHABLE, node.nodeId() + ": " + describe(ex));
        }
    }

    /**
     * Chunk bytes go through {@link HttpURLConnection}: it reads and writes the caller's array on the
     * calling thread, straight from and to the socket (measured: the JDK HttpClient's reactive body
     * handling cost a third of the download throughput); connections are kept alive and reused.
     */
    private HttpURLConnection open(String url, String method) throws IOException {
        String token = bearer();
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setRequestProperty("Authorization", token);
        connection.setRequestMethod(method);
        connection.setConnectTimeout((int) connectTimeout.toMillis());
        connection.setReadTimeout((int) requestTimeout.toMillis());
        connection.setUseCaches(false);
        String requestId = MDC.get(Correlation.MDC_KEY);
        if (requestId != null) {
            connection.setRequestProperty(Correlation.HEADER, requestId);
        }
        return connection;
    }

    /** {@code Bearer <service token for the nodes>}; no token to be had is the node being unreachable. */
    private String bearer() throws IOException {
        try {
            return ServiceTokens.BEARER + tokens.token(NODE_AUDIENCE);
        }
        catch (ServiceTokenException ex) {
            throw new IOException("no service token for the nodes: " + ex.getMessage(), ex);
        }
    }

    /** A node refused our token: the next request fetches a new one. */
    private void refused(int status) {
        if (status == 401) {
            tokens.invalidate(NODE_AUDIENCE);
        }
    }

    private static String readBody(HttpURLConnection connection, int status) throws IOException {
        InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (stream == null) {
            return "";
        }
        try (InputStream in = stream) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** What {@code POST /chunks/{id}/push} reported. */
    public record PushOutcome(boolean stored, String status, long bytes, long durationMs, List<String> route,
            String error, int httpStatus) {
    }

    /** Asks {@code source} to copy a chunk to {@code target}, through {@code via} when given. */
    public PushOutcome push(StorageNode source, String chunkId, StorageNode target, StorageNode via) {
        String body = via == null
                ? json.writeValueAsString(Map.of("target", target.baseUrl()))
                : json.writeValueAsString(Map.of("target", target.baseUrl(), "via", via.baseUrl()));
        try {
            HttpRequest request = request(source.baseUrl() + "/chunks/" + chunkId + "/push")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            refused(response.statusCode());
            JsonNode answer = parse(response.body());
            List<String> route = new ArrayList<>();
            answer.path("route").forEach(hop -> route.add(hop.asString()));
            if (response.statusCode() == 200) {
                return new PushOutcome(true, answer.path("status").asString("CREATED"), answer.path("bytes").asLong(),
                        answer.path("durationMs").asLong(), route, null, 200);
            }
            String error = "answered " + response.statusCode() + " " + problemSummary(response.body());
            for (JsonNode hop : answer.path("hops")) {
                if (hop.hasNonNull("error")) {
                    error += "; " + hop.path("url").asString() + ": " + hop.path("error").asString();
                }
            }
            return new PushOutcome(false, "FAILED", 0, 0, route, error, response.statusCode());
        }
        catch (IOException ex) {
            return new PushOutcome(false, "FAILED", 0, 0, List.of(), source.nodeId() + ": " + describe(ex), 0);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new PushOutcome(false, "FAILED", 0, 0, List.of(), "interrupted", 0);
        }
    }

    /** Deletes a chunk from a node; true when it is gone (deleted now or not there). */
    public boolean delete(StorageNode node, String chunkId) {
        try {
            HttpRequest request = request(node.baseUrl() + "/chunks/" + chunkId).timeout(Duration.ofSeconds(10))
                    .DELETE().build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            refused(status);
            return status == 204 || status == 200 || status == 404;
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private HttpRequest.Builder request(String url) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout)
                .header("Authorization", bearer());
        String requestId = MDC.get(Correlation.MDC_KEY);
        if (requestId != null) {
            builder.header(Correlation.HEADER, requestId);
        }
        return builder;
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        }
        catch (RuntimeException ex) {
            return json.createObjectNode();
        }
    }

    private String problemSummary(String body) {
        JsonNode problem = parse(body);
        String type = problem.path("type").asString("");
        String slug = type.substring(type.lastIndexOf('/') + 1);
        String detail = problem.path("detail").asString("");
        return (slug + (detail.isEmpty() ? "" : ": " + detail)).trim();
    }

    static String describe(IOException ex) {
        if (ex instanceof HttpTimeoutException || ex instanceof java.net.SocketTimeoutException) {
            return "timed out: " + ex.getMessage();
        }
        if (ex instanceof java.net.ConnectException) {
            return "unreachable: " + ex.getClass().getSimpleName();
        }
        return "I/O error: " + ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
