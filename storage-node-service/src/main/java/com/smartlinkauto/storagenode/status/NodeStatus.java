package com.smartlinkauto.storagenode.status;

import java.time.Instant;

/**
 * A node's declaration and usage at one moment: {@code GET /node/info}, and the body of every heartbeat.
 *
 * @param baseUrl          where other nodes and the controller reach this node
 * @param storageGb        declared capacity in GiB; {@code capacityBytes} is the same in bytes
 * @param freeBytes        capacity left for new chunks (never more than the disk has)
 * @param quarantinedBytes bytes of corrupted chunks moved aside (not counted in {@code usedBytes})
 * @param activeTransfers  uploads, downloads and pushes in progress
 * @param bytesIn          chunk bytes received since start
 * @param bytesOut         chunk bytes sent since start
 * @param throttled        whether transfers are held to {@code bandwidthMbps}
 */
public record NodeStatus(String nodeId, String zone, String baseUrl, int vcpus, double memoryGb, double storageGb,
        int bandwidthMbps, boolean throttled, long capacityBytes, long usedBytes, long freeBytes, long quarantinedBytes,
        int chunkCount, int activeTransfers, long bytesIn, long bytesOut, Instant startedAt, long uptimeSeconds) {
}
