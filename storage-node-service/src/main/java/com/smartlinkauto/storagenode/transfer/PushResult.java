package com.smartlinkauto.storagenode.transfer;

import java.util.List;

import com.smartlinkauto.storagenode.pipeline.ReplicaReport;

/**
 * @param chunkId    the chunk pushed
 * @param bytes      bytes sent by this node
 * @param durationMs from the request until the target confirmed
 * @param route      base URLs from this node to the target, relay included
 * @param status     the target's outcome: {@code CREATED} or {@code EXISTING}
 * @param hops       every hop after this node as it reported itself
 */
public record PushResult(String chunkId, long bytes, long durationMs, List<String> route, ReplicaReport.Status status,
        List<ReplicaReport> hops) {
}
