package com.smartlinkauto.storage.node;

import java.time.Instant;

/**
 * A storage node as the controller knows it: what it declared and reported in its last heartbeat, its
 * liveness ({@link State}) and the operator's decision ({@link AdminState}).
 */
public record StorageNode(String nodeId, String zone, String baseUrl, int vcpus, double memoryGb, double storageGb,
        int bandwidthMbps, long capacityBytes, long usedBytes, long freeBytes, long chunkCount, int activeTransfers,
        long bytesIn, long bytesOut, long rateInBps, long rateOutBps, Instant startedAt, State state, AdminState adminState, Instant stateChangedAt,
        Instant firstSeenAt, Instant lastHeartbeatAt, Instant lastReportAt) {

    /** What a node id looks like (a DNS label): anything else names no node and is refused as input. */
    public static final String ID_PATTERN = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";

    public static final String ID_MESSAGE = "must be a node id: lower-case letters, digits and dashes, at most 63";

    /** Liveness from heartbeats: STALE after the stale timeout (no new placements), DEAD after the dead timeout. */
    public enum State {
        LIVE, STALE, DEAD
    }

    /** ACTIVE; DECOMMISSIONING (being drained: readable, no placements, its copies do not count); DECOMMISSIONED. */
    public enum AdminState {
        ACTIVE, DECOMMISSIONING, DECOMMISSIONED
    }

    /** May receive new replicas. */
    public boolean placeable() {
        return state == State.LIVE && adminState == AdminState.ACTIVE;
    }

    /** May be read from (a stale node may still answer; a dead one's replicas are gone from the metadata). */
    public boolean readable() {
        return state != State.DEAD;
    }

    /** Its replicas count toward a chunk's replication. */
    public boolean counts() {
        return state != State.DEAD && adminState == AdminState.ACTIVE;
    }
}
