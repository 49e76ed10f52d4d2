package com.smartlinkauto.storagenode.chunk;

/** A chunk this node holds: its id (SHA-256) and size in bytes. */
public record ChunkEntry(String id, long size) {
}
