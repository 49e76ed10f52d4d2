package com.smartlinkauto.storage.stats;

import java.time.Instant;

/**
 * The storage network in figures ({@code GET /api/storage/stats}).
 *
 * @param files                       AVAILABLE files
 * @param chunks                      distinct chunks referenced by a file
 * @param replicas                    stored (COMPLETED) copies on nodes that are not dead, of any chunk
 * @param logicalBytes                sum of the AVAILABLE files' sizes
 * @param storedBytes                 sum of the sizes of those {@code replicas}: Σ chunk size × its stored copies
 * @param usedBytes                   what the LIVE nodes reported using in their last heartbeat
 * @param capacityBytes               what the LIVE nodes declared
 * @param storageUtilisationPercent   usedBytes / capacityBytes × 100 (0 without capacity)
 * @param bandwidthUtilisationPercent Σ over LIVE nodes of max(in, out) rate × 8 / Σ declared bandwidth × 100
 * @param activeTransfers             nodeActiveTransfers + copiesInFlight
 * @param nodeActiveTransfers         transfers the LIVE nodes reported in progress in their last heartbeat
 * @param copiesInFlight              copies the controller has under way (chunk replicas PENDING or IN_PROGRESS:
 *                                    uploads, repair, transfers)
 * @param transfersInProgress         node-to-node transfers PENDING or IN_PROGRESS
 * @param underReplicatedChunks       referenced chunks with fewer counted copies (node not dead, ACTIVE) than
 *                                    their replication
 * @param unavailableChunks           referenced chunks without a stored copy on a node that is not dead
 * @param replicationFactorAverage    stored copies on nodes that are not dead per referenced chunk
 */
record NetworkStats(Nodes nodes, long files, long chunks, long replicas, long logicalBytes, long storedBytes,
        long usedBytes, long capacityBytes, double storageUtilisationPercent, double bandwidthUtilisationPercent,
        long activeTransfers, long nodeActiveTransfers, long copiesInFlight, long transfersInProgress,
        long underReplicatedChunks, long unavailableChunks, double replicationFactorAverage, Instant generatedAt) {

    /** Nodes by liveness (live + stale + dead = total) and by admin state. */
    record Nodes(long total, long live, long stale, long dead, long decommissioning, long decommissioned) {
    }

    /** {@code part / whole × 100}, two decimals; 0 when there is no whole. */
    static double percent(double part, double whole) {
        return whole <= 0 ? 0 : round(part / whole * 100);
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
