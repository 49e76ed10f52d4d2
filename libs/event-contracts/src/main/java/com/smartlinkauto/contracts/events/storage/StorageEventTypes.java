package com.smartlinkauto.contracts.events.storage;

import java.util.Set;

/** The {@code type} values of the envelopes storage-controller-service publishes to {@code storage.events}. */
public final class StorageEventTypes {

    public static final String FILE_STORED = "FileStored";
    public static final String NODE_JOINED = "NodeJoined";
    public static final String NODE_LOST = "NodeLost";
    public static final String CHUNK_REPLICATED = "ChunkReplicated";

    public static final Set<String> ALL = Set.of(FILE_STORED, NODE_JOINED, NODE_LOST, CHUNK_REPLICATED);

    private StorageEventTypes() {
    }
}
