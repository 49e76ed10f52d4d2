package com.smartlinkauto.storagenode.pipeline;

import java.util.List;

/**
 * The answer to a {@code PUT /chunks/{id}}: this node's outcome first, then every downstream hop in
 * pipeline order.
 *
 * @param chunkId  the chunk (its SHA-256)
 * @param size     bytes received
 * @param replicas one entry per node named in the pipeline, this node first
 */
public record PipelineResult(String chunkId, long size, List<ReplicaReport> replicas) {
}
