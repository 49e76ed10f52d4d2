package com.smartlinkauto.storagenode.chunk;

/**
 * Bytes used by stored chunks and bytes reserved by writes in progress, against the declared
 * capacity. A write reserves its declared length before the first byte lands (or, without a
 * {@code Content-Length}, buffer by buffer), so parallel writes can never together overshoot.
 */
final class SpaceAccounting {

    private final long capacity;
    private long used;
    private long reserved;

    SpaceAccounting(long capacity) {
        this.capacity = capacity;
    }

    synchronized boolean tryReserve(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative reservation");
        }
        if (used + reserved + bytes > capacity) {
            return false;
        }
        reserved += bytes;
        return true;
    }

    synchronized void release(long bytes) {
        reserved -= bytes;
    }

    /** A write finished: its reservation becomes {@code size} used bytes. */
    synchronized void commit(long reservation, long size) {
        reserved -= reservation;
        used += size;
    }

    synchronized void added(long size) {
        used += size;
    }

    synchronized void removed(long size) {
        used -= size;
    }

    long capacity() {
        return capacity;
    }

    synchronized long used() {
        return used;
    }

    synchronized long reserved() {
        return reserved;
    }

    /** Capacity not used and not reserved. */
    synchronized long free() {
        return Math.max(0, capacity - used - reserved);
    }
}
