package com.smartlinkauto.storagenode.transfer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;
import com.smartlinkauto.storagenode.chunk.ChunkId;
import com.smartlinkauto.storagenode.chunk.ChunkStore;
import com.smartlinkauto.storagenode.chunk.VerifiedChunk;
import com.smartlinkauto.storagenode.node.AdvertisedUrl;
import com.smartlinkauto.storagenode.pipeline.Forwarding;
import com.smartlinkauto.storagenode.pipeline.NodeUrls;
import com.smartlinkauto.storagenode.pipeline.PipelineClient;
import com.smartlinkauto.storagenode.pipeline.RegisteredNodes;
import com.smartlinkauto.storagenode.pipeline.ReplicaReport;
import com.smartlinkauto.storagenode.throttle.NodeBandwidth;

/**
 * Node-to-node copy of a chunk this node holds: verified here first (a corrupted copy is
 * quarantined, not spread), then sent as a {@code PUT} to the target, or to a relay that forwards
 * it without keeping it ({@code X-Relay-Only} + {@code X-Replicate-To}: the pipeline mechanism).
 * The route is the caller's choice; no fallback to the direct link when the relay is down.
 */
public class PushService {

    private static final Logger log = LoggerFactory.getLogger(PushService.class);

    public static final URI PUSH_FAILED = ProblemTypes.of("push-failed");

    private final ChunkStore store;
    private final PipelineClient client;
    private final NodeBandwidth bandwidth;
    private final AdvertisedUrl self;
    private final RegisteredNodes registered;

    public PushService(ChunkStore store, PipelineClient client, NodeBandwidth bandwidth, AdvertisedUrl self,
            RegisteredNodes registered) {
        this.store = store;
        this.client = client;
        this.bandwidth = bandwidth;
        this.self = self;
        this.registered = registered;
    }

    public PushResult push(ChunkId id, PushRequest request) {
        URI target = NodeUrls.parse(request.target(), "target");
        URI via = request.via() == null || request.via().isBlank() ? null : NodeUrls.parse(request.via(), "via");
        URI me = self.get();
        if (target.equals(me) || (via != null && (via.equals(me) || via.equals(target)))) {
            throw new ApiException(HttpStatus.BAD_REQUEST, NodeUrls.INVALID_TARGETS,
                    "target and via must be two other nodes (this node is " + me + ").");
        }
        List<URI> hops = via == null ? List.of(target) : List.of(via, target);
        registered.requireRegistered(hops);
        List<String> route = new ArrayList<>();
        route.add(String.valueOf(me));
        hops.forEach(hop -> route.add(hop.toString()));

        long started = System.nanoTime();
        long sent;
        List<ReplicaReport> reports;
        try (NodeBandwidth.Transfer transfer = bandwidth.begin(); VerifiedChunk chunk = store.openVerified(id);
                Forwarding forward = client.open(hops, id, chunk.size(), false, via != null)) {
            sent = chunk.sendTo(forward, 0, chunk.size(), new byte[store.bufferBytes()]);
            forward.finishSending();
            reports = forward.awaitReplicas();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex); // Forwarding records its own failures; this is a local read
        }
        long durationMs = (System.nanoTime() - started) / 1_000_000;
        ReplicaReport last = reports.get(reports.size() - 1);
        if (!last.stored()) {
            log.warn("Push of chunk {} along {} failed: {}", id, route, reports);
            throw new ApiException(HttpStatus.BAD_GATEWAY, PUSH_FAILED,
                    "The chunk did not reach " + target + ": " + firstError(reports),
                    Map.of("chunkId", id.value(), "route", route, "hops", reports));
        }
        log.info("Pushed chunk {} ({} bytes) along {} in {} ms: {}", id, sent, route, durationMs, last.status());
        return new PushResult(id.value(), sent, durationMs, route, last.status(), reports);
    }

    private static String firstError(List<ReplicaReport> reports) {
        return reports.stream().filter(r -> r.error() != null).map(r -> r.url() + " " + r.error()).findFirst()
                .orElse("unknown");
    }
}
