package com.smartlinkauto.storagenode.pipeline;

import java.util.ArrayList;
import java.util.List;

import com.smartlinkauto.storagenode.chunk.ByteSink;

/**
 * The downstream part of a pipeline as the receiving loop sees it: a sink for the bytes, then the
 * reports of every hop. Targets that refused the connection were skipped at open time and are
 * reported as failed; the bytes go to the first that accepted it.
 */
public final class Forwarding implements ByteSink, AutoCloseable {

    private static final Forwarding NONE = new Forwarding(null, List.of(), null);

    private final Downstream downstream;
    private final List<ReplicaReport> unreachable;
    private final PipelineClient client;
    private boolean answered;

    Forwarding(Downstream downstream, List<ReplicaReport> unreachable, PipelineClient client) {
        this.downstream = downstream;
        this.unreachable = unreachable;
        this.client = client;
    }

    /** No downstream: a pipeline of one. */
    public static Forwarding none() {
        return NONE;
    }

    @Override
    public void write(byte[] buffer, int offset, int length) {
        if (downstream != null) {
            downstream.write(buffer, offset, length);
        }
    }

    /** False when there is nobody (left) to send to. */
    @Override
    public boolean accepting() {
        return downstream != null && downstream.healthy();
    }

    public void finishSending() {
        if (downstream != null) {
            downstream.finishSending();
        }
    }

    /** Reports of every hop, in pipeline order: the unreachable ones first (they came first), then the chain. */
    public List<ReplicaReport> awaitReplicas() {
        List<ReplicaReport> reports = new ArrayList<>(unreachable);
        if (downstream != null) {
            answered = true;
            try {
                reports.addAll(downstream.awaitAnswer());
            }
            finally {
                client.release(downstream);
            }
        }
        return reports;
    }

    /** Without an answer awaited (the local side failed): breaks the downstream connection. */
    @Override
    public void close() {
        if (downstream != null && !answered) {
            downstream.abort("aborted: the upstream node failed");
            client.release(downstream);
        }
    }
}
