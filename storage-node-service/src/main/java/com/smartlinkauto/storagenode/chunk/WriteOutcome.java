package com.smartlinkauto.storagenode.chunk;

/** What one node did with a chunk it received. */
public enum WriteOutcome {
    /** stored now */
    CREATED,
    /** already held; the body was verified and not written again */
    EXISTING,
    /** verified and passed on, not stored (relay hop) */
    RELAYED
}
