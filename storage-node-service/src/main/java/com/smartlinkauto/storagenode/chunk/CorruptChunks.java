package com.smartlinkauto.storagenode.chunk;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chunks found corrupted (and quarantined) that the controller has not been told about yet. Every
 * heartbeat carries them until one is acknowledged (2xx); the next full report no longer lists them
 * either, which is how a controller that missed the heartbeat still learns of the loss.
 */
public final class CorruptChunks {

    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    void report(ChunkId id) {
        pending.add(id.value());
    }

    /** Ids to report, sorted. */
    public List<String> pending() {
        return pending.stream().sorted().toList();
    }

    /** The controller received these; a chunk corrupted again later is reported again. */
    public void acknowledge(Collection<String> ids) {
        pending.removeAll(ids);
    }
}
