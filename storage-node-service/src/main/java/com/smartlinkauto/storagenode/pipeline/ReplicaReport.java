package com.smartlinkauto.storagenode.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One hop of a write pipeline as the head node reports it.
 *
 * @param url    the node's base URL as the caller named it (the receiving node itself: its advertised URL)
 * @param nodeId the node's id, when it answered
 * @param status what happened there
 * @param error  why, for {@code FAILED} and {@code SKIPPED}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplicaReport(String url, String nodeId, Status status, String error) {

    public enum Status {
        /** stored now */
        CREATED,
        /** already held (body verified, not written again) */
        EXISTING,
        /** verified and forwarded, not stored (relay hop) */
        RELAYED,
        /** this hop did not store the chunk: unreachable, refused, or broke off */
        FAILED,
        /** not attempted: a node before it in the pipeline failed */
        SKIPPED
    }

    /** Whether this node now holds the chunk. */
    public boolean stored() {
        return status == Status.CREATED || status == Status.EXISTING;
    }

    ReplicaReport withUrl(String newUrl) {
        return new ReplicaReport(newUrl, nodeId, status, error);
    }

    static ReplicaReport failed(String url, String error) {
        return new ReplicaReport(url, null, Status.FAILED, error);
    }

    static ReplicaReport skipped(String url, String because) {
        return new ReplicaReport(url, null, Status.SKIPPED, because);
    }
}
