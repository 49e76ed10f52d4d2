package com.smartlinkauto.storagenode.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.smartlinkauto.servicedefaults.Correlation;
import com.smartlinkauto.storagenode.chunk.ChunkId;
import com.smartlinkauto.storagenode.throttle.NodeBandwidth;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The connection to the next node of a pipeline: an HTTP {@code PUT /chunks/<id>} whose body is
 * written as the bytes arrive here (write-through, like an HDFS DataNode mirroring packets), with
 * the rest of the pipeline in {@code X-Replicate-To}. A failure of this hop is recorded, never
 * thrown: the local copy goes on. The blocking push-style {@link HttpURLConnection} fits exactly:
 * the receiving thread writes each buffer into the socket, and a slow downstream slows the upstream
 * through TCP back-pressure.
 */
final class Downstream {

    private static final Logger log = LoggerFactory.getLogger(Downstream.class);
    private static final int MAX_ANSWER_BYTES = 256 * 1024;

    private final URI target;
    private final List<URI> onward;
    private final HttpURLConnection connection;
    private final OutputStream body;
    private final NodeBandwidth.Direction link;
    private final JsonMapper json;
    private final Runnable unauthorized;
    /** System.nanoTime() when the current socket write began, 0 when not writing. */
    private volatile long writeStartedAt;
    private volatile String failure;
    private volatile boolean aborted;
    private boolean sent;

    private Downstream(URI target, List<URI> onward, HttpURLConnection connection, OutputStream body,
            NodeBandwidth.Direction link, JsonMapper json, Runnable unauthorized) {
        this.unauthorized = unauthorized;
        this.target = target;
        this.onward = onward;
        this.connection = connection;
        this.body = body;
        this.link = link;
        this.json = json;
    }

    /**
     * Connects and sends the request head. An {@link IOException} here means the node is unreachable
     * (nothing was sent), so the caller may try the next one.
     */
    static Downstream open(URI target, List<URI> onward, ChunkId id, long length, boolean relayOnly,
            String requestId, String token, Runnable unauthorized, PipelineClient.Settings settings,
            NodeBandwidth.Direction link, JsonMapper json) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(target + "/chunks/" + id.value()).toURL()
                .openConnection(Proxy.NO_PROXY);
        c.setRequestMethod("PUT");
        c.setDoOutput(true);
        c.setUseCaches(false);
        c.setInstanceFollowRedirects(false);
        c.setConnectTimeout((int) settings.connectTimeout().toMillis());
        c.setReadTimeout((int) settings.responseTimeout().toMillis());
        c.setRequestProperty("Content-Type", "application/octet-stream");
        c.setRequestProperty("Accept", "application/json, application/problem+json");
        c.setRequestProperty("Authorization", "Bearer " + token);
        if (!onward.isEmpty()) {
            c.setRequestProperty(NodeUrls.REPLICATE_TO,
                    onward.stream().map(URI::toString).collect(Collectors.joining(",")));
        }
        if (relayOnly) {
            c.setRequestProperty(NodeUrls.RELAY_ONLY, "true");
        }
        if (requestId != null) {
            c.setRequestProperty(Correlation.HEADER, requestId);
        }
        if (length >= 0) {
            c.setFixedLengthStreamingMode(length);
        }
        else {
            c.setChunkedStreamingMode(settings.bufferBytes());
        }
        try {
            c.connect();
            OutputStream out = c.getOutputStream();
            return new Downstream(target, onward, c, out, link, json, unauthorized);
        }
        catch (IOException | RuntimeException ex) {
            c.disconnect();
            throw ex;
        }
    }

    URI target() {
        return target;
    }

    boolean healthy() {
        return failure == null;
    }

    /** Forwards bytes, throttled to the outbound link. A failure marks the hop failed; later writes are dropped. */
    void write(byte[] buffer, int offset, int length) {
        if (failure != null) {
            return;
        }
        try {
            link.transfer(length);
            writeStartedAt = System.nanoTime() | 1;
            body.write(buffer, offset, length);
        }
        catch (IOException ex) {
            fail("sending failed: " + describe(ex));
        }
        finally {
            writeStartedAt = 0;
        }
    }

    /** Ends the request body so the next node can verify and store while this one fsyncs. */
    void finishSending() {
        if (sent || failure != null) {
            return;
        }
        sent = true;
        try {
            writeStartedAt = System.nanoTime() | 1;
            body.close();
        }
        catch (IOException ex) {
            fail("sending failed: " + describe(ex));
        }
        finally {
            writeStartedAt = 0;
        }
    }

    /**
     * The outcome of this hop and every hop after it. A node that refused the chunk may have answered
     * before the body was complete (a 507, a 400), so its answer is read even after a send failure.
     */
    List<ReplicaReport> awaitAnswer() {
        finishSending();
        if (aborted) {
            return failedFromHere(failure);
        }
        try {
            int status = connection.getResponseCode();
            byte[] answer = readAnswer(status >= 400 ? connection.getErrorStream() : connection.getInputStream());
            if (status >= 200 && status < 300) {
                List<ReplicaReport> reports = parseReplicas(answer);
                if (reports.isEmpty()) {
                    return failedFromHere("answered " + status + " without a replica list");
                }
                reports.set(0, reports.get(0).withUrl(target.toString()));
                return reports;
            }
            if (status == 401) {
                unauthorized.run(); // our token was refused: the next request fetches a new one
            }
            return failedFromHere("answered " + status + describeProblem(answer));
        }
        catch (IOException ex) {
            connection.disconnect();
            return failedFromHere(failure != null ? failure : "no answer: " + describe(ex));
        }
    }

    /** Breaks the connection (the next node sees a truncated body and keeps nothing). */
    void abort(String why) {
        if (failure == null) {
            failure = why;
        }
        aborted = true;
        connection.disconnect();
    }

    /** How long the current socket write has been blocked, 0 when not writing. */
    long blockedNanos(long now) {
        long started = writeStartedAt;
        return started == 0 ? 0 : now - started;
    }

    private void fail(String why) {
        if (failure == null) {
            failure = why;
            log.warn("Pipeline hop {} failed: {}", target, why);
        }
    }

    private List<ReplicaReport> failedFromHere(String why) {
        List<ReplicaReport> reports = new ArrayList<>();
        reports.add(ReplicaReport.failed(target.toString(), why));
        for (URI next : onward) {
            reports.add(ReplicaReport.skipped(next.toString(), "not reached: " + target + " failed before it"));
        }
        return reports;
    }

    private List<ReplicaReport> parseReplicas(byte[] answer) {
        List<ReplicaReport> reports = new ArrayList<>();
        try {
            JsonNode replicas = json.readTree(answer).path("replicas");
            for (JsonNode r : replicas) {
                ReplicaReport.Status status = ReplicaReport.Status.valueOf(r.path("status").asString());
                reports.add(new ReplicaReport(r.path("url").asString(null), r.path("nodeId").asString(null), status,
                        r.path("error").asString(null)));
            }
        }
        catch (RuntimeException ex) {
            log.warn("Unreadable answer from pipeline hop {}: {}", target, ex.getMessage());
            reports.clear();
        }
        return reports;
    }

    private String describeProblem(byte[] answer) {
        try {
            JsonNode problem = json.readTree(answer);
            String type = problem.path("type").asString("");
            String slug = type.substring(type.lastIndexOf('/') + 1);
            String detail = problem.path("detail").asString("");
            return (slug.isEmpty() ? "" : " " + slug) + (detail.isEmpty() ? "" : ": " + detail);
        }
        catch (RuntimeException ex) {
            return "";
        }
    }

    private static byte[] readAnswer(InputStream in) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            byte[] answer = in.readNBytes(MAX_ANSWER_BYTES);
            in.transferTo(OutputStream.nullOutputStream()); // drain, so the connection can be reused
            return answer;
        }
    }

    private static String describe(IOException ex) {
        return ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
    }
}
