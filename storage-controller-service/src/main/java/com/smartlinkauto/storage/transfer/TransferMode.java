package com.smartlinkauto.storage.transfer;

/**
 * MOVE (default): once the target stores a chunk, the source's copy is removed, so the chunk keeps its
 * number of copies. COPY: the source keeps its copy; the replication monitor later trims the surplus copy
 * of a chunk above its replication, from the fullest nodes (which may be the target).
 */
public enum TransferMode {
    COPY, MOVE
}
