package com.smartlinkauto.contracts.events.storage;

import java.time.Instant;

/**
 * Payload of {@code NodeJoined} (schema version 1, aggregate id = node id): a storage node sent its
 * first heartbeat, or came back after it had been declared dead ({@code returned} = true).
 */
public record NodeJoined(String nodeId, String zone, String baseUrl, long capacityBytes, int bandwidthMbps,
        boolean returned, Instant joinedAt) {
}
