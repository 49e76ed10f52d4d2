package com.smartlinkauto.storagenode.pipeline;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.smartlinkauto.servicedefaults.Correlation;
import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokenException;
import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokens;
import com.smartlinkauto.storagenode.chunk.ChunkId;
import com.smartlinkauto.storagenode.throttle.NodeBandwidth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opens pipeline hops to other nodes (each request carrying a service token for storage-node-service) and
 * watches them: a socket write blocked longer than the stall
 * timeout (a hung next node) breaks that hop, so one stuck node cannot hold a pipeline forever.
 */
public class PipelineClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PipelineClient.class);

    /** Connection settings for pipeline hops. */
    public record Settings(Duration connectTimeout, Duration responseTimeout, Duration stallTimeout, int bufferBytes) {
    }

    /** The audience of the tokens other nodes take. */
    public static final String NODE_AUDIENCE = "storage-node-service";

    private final Settings settings;
    private final ServiceTokens tokens;
    private final NodeBandwidth bandwidth;
    private final JsonMapper json;
    private final Set<Downstream> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog;
    private final Counter hopsOk;
    private final Counter hopsFailed;

    public PipelineClient(Settings settings, ServiceTokens tokens, NodeBandwidth bandwidth, JsonMapper json,
            MeterRegistry registry) {
        this.settings = settings;
        this.tokens = tokens;
        this.bandwidth = bandwidth;
        this.json = json;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pipeline-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        this.watchdog.scheduleWithFixedDelay(this::checkStalls, 1, 1, TimeUnit.SECONDS);
        this.hopsOk = hopCounter(registry, "connected");
        this.hopsFailed = hopCounter(registry, "unreachable");
    }

    private static Counter hopCounter(MeterRegistry registry, String outcome) {
        return Counter.builder("smartlink.storage.node.pipeline.hops")
                .description("Connections to downstream nodes (pipeline forwards, pushes)")
                .tag("outcome", outcome).register(registry);
    }

    /**
     * Opens the first hop of {@code targets} (the rest travel in {@code X-Replicate-To}).
     *
     * @param skipUnreachable when a target refuses the connection, try the next one with the rest of
     *                        the list (pipeline repair at setup); false: fail the whole chain
     * @param firstIsRelay    the first target only relays ({@code X-Relay-Only}), it does not store
     */
    public Forwarding open(List<URI> targets, ChunkId id, long length, boolean skipUnreachable, boolean firstIsRelay) {
        if (targets.isEmpty()) {
            return Forwarding.none();
        }
        List<ReplicaReport> unreachable = new ArrayList<>();
        String token;
        try {
            token = tokens.token(NODE_AUDIENCE);
        }
        catch (ServiceTokenException ex) {
            log.warn("No service token for the next nodes of chunk {}: {}", id, ex.getMessage());
            unreachable.add(ReplicaReport.failed(targets.get(0).toString(), "no service token: " + ex.getMessage()));
            for (URI next : targets.subList(1, targets.size())) {
                unreachable.add(ReplicaReport.skipped(next.toString(), "not reached: no service token"));
            }
            return new Forwarding(null, unreachable, this);
        }
        String requestId = MDC.get(Correlation.MDC_KEY);
        for (int i = 0; i < targets.size(); i++) {
            URI target = targets.get(i);
            List<URI> onward = targets.subList(i + 1, targets.size());
            try {
                Downstream downstream = Downstream.open(target, List.copyOf(onward), id, length, firstIsRelay && i == 0,
                        requestId, token, () -> tokens.invalidate(NODE_AUDIENCE), settings, bandwidth.out(), json);
                open.add(downstream);
                hopsOk.increment();
                return new Forwarding(downstream, unreachable, this);
            }
            catch (IOException | RuntimeException ex) {
                hopsFailed.increment();
                String why = "unreachable: " + ex.getClass().getSimpleName()
                        + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
                log.warn("Pipeline target {} for chunk {} is {}", target, id, why);
                unreachable.add(ReplicaReport.failed(target.toString(), why));
                if (!skipUnreachable) {
                    for (URI next : onward) {
                        unreachable.add(ReplicaReport.skipped(next.toString(), "not reached: " + target + " failed before it"));
                    }
                    break;
                }
            }
        }
        return new Forwarding(null, unreachable, this);
    }

    void release(Downstream downstream) {
        open.remove(downstream);
    }

    private void checkStalls() {
        long now = System.nanoTime();
        long limit = settings.stallTimeout().toNanos();
        for (Downstream downstream : open) {
            if (downstream.blockedNanos(now) > limit) {
                log.warn("Pipeline hop {} took no data for {}: breaking it", downstream.target(), settings.stallTimeout());
                downstream.abort("stalled: no progress for " + settings.stallTimeout());
                open.remove(downstream);
            }
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
