package com.smartlinkauto.storagenode.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.storagenode.chunk.ChunkId;
import com.smartlinkauto.storagenode.chunk.ChunkMetrics;
import com.smartlinkauto.storagenode.chunk.ChunkProblems;
import com.smartlinkauto.storagenode.chunk.ChunkStore;
import com.smartlinkauto.storagenode.chunk.ChunkWriter;
import com.smartlinkauto.storagenode.chunk.WriteOutcome;
import com.smartlinkauto.storagenode.node.AdvertisedUrl;
import com.smartlinkauto.storagenode.node.NodeIdentity;
import com.smartlinkauto.storagenode.throttle.NodeBandwidth;

/**
 * Receives one chunk: each buffer read from the request is forwarded to the next node (if any),
 * hashed and appended to the local temp file, all through one fixed buffer. When the body ends, the
 * downstream request is completed first (so the next node verifies and fsyncs while this one does),
 * then the local copy is verified and installed, then the downstream answer is awaited. The answer
 * lists every hop; a downstream failure does not undo the local copy, a local failure aborts the
 * downstream (the next node sees a broken body and keeps nothing).
 */
public class PipelineReceiver {

    private final ChunkStore store;
    private final PipelineClient client;
    private final NodeBandwidth bandwidth;
    private final ChunkMetrics metrics;
    private final NodeIdentity identity;
    private final AdvertisedUrl self;

    public PipelineReceiver(ChunkStore store, PipelineClient client, NodeBandwidth bandwidth, ChunkMetrics metrics,
            NodeIdentity identity, AdvertisedUrl self) {
        this.store = store;
        this.client = client;
        this.bandwidth = bandwidth;
        this.metrics = metrics;
        this.identity = identity;
        this.self = self;
    }

    /**
     * @param length    the {@code Content-Length}, -1 when the body is chunked
     * @param targets   the rest of the pipeline, in order
     * @param relayOnly verify and forward without storing
     */
    public PipelineResult receive(ChunkId id, InputStream body, long length, List<URI> targets, boolean relayOnly) {
        long started = System.nanoTime();
        String outcome = "failed";
        try (NodeBandwidth.Transfer transfer = bandwidth.begin();
                ChunkWriter local = relayOnly ? store.beginRelay(id, length) : store.beginWrite(id, length);
                Forwarding forward = client.open(targets, id, length, true, false)) {
            byte[] buffer = new byte[store.bufferBytes()];
            NodeBandwidth.Direction in = bandwidth.in();
            for (int n = read(body, buffer); n > 0; n = read(body, buffer)) {
                in.transfer(n);
                forward.write(buffer, 0, n);
                local.write(buffer, 0, n);
            }
            forward.finishSending();
            WriteOutcome mine = local.commit();
            List<ReplicaReport> replicas = new ArrayList<>(1 + targets.size());
            replicas.add(new ReplicaReport(String.valueOf(self.get()), identity.id(),
                    ReplicaReport.Status.valueOf(mine.name()), null));
            replicas.addAll(forward.awaitReplicas());
            outcome = mine.name().toLowerCase(Locale.ROOT);
            return new PipelineResult(id.value(), local.written(), replicas);
        }
        catch (ApiException ex) {
            outcome = ex.status().is4xxClientError() ? "rejected" : "failed";
            throw ex;
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        finally {
            metrics.write(outcome, System.nanoTime() - started);
        }
    }

    /**
     * Fills the buffer (fewer bytes only at the end of the body): every hop then handles whole 128 KiB
     * pieces, one forward write, one digest update and one file write each, instead of one per network
     * read. A body that breaks off (client gone, connection reset) is the client's problem, not a 500.
     *
     * @return bytes read, 0 at the end of the body
     */
    private static int read(InputStream body, byte[] buffer) {
        try {
            return body.readNBytes(buffer, 0, buffer.length);
        }
        catch (IOException ex) {
            throw ChunkProblems.incompleteBody();
        }
    }
}
