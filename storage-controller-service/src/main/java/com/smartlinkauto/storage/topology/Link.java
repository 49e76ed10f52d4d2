package com.smartlinkauto.storage.topology;

import java.time.Instant;

/**
 * A link of the topology: undirected, stored with {@code nodeA < nodeB}.
 *
 * @param bandwidthMbps the link's speed as declared by the operator
 */
public record Link(String nodeA, String nodeB, int bandwidthMbps, Instant createdAt) {

    /** The two ends in the order links are stored in (lexicographic). */
    public record Ends(String nodeA, String nodeB) {

        public static Ends of(String one, String other) {
            return one.compareTo(other) <= 0 ? new Ends(one, other) : new Ends(other, one);
        }
    }
}
