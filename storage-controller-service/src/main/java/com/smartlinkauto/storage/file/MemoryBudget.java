package com.smartlinkauto.storage.file;

import java.util.concurrent.Semaphore;

import org.springframework.stereotype.Component;

import com.smartlinkauto.storage.StorageProperties;

/**
 * Bounds the chunk data all uploads and downloads hold in memory together ({@code smartlink.storage.memory-budget}):
 * each chunk buffer is taken from here and given back when its bytes have left. A large file therefore
 * costs no more memory than a small one; many concurrent transfers wait for room instead of exhausting the heap.
 */
@Component
public class MemoryBudget {

    private static final int UNIT = 1024;

    private final Semaphore permits;
    private final int total;

    MemoryBudget(StorageProperties properties) {
        this.total = (int) Math.max(64, properties.memoryBudget().toBytes() / UNIT);
        this.permits = new Semaphore(total, true);
    }

    /** A buffer of {@code size} bytes, once there is room for it. */
    public byte[] acquire(int size) throws InterruptedException {
        permits.acquire(units(size));
        try {
            return new byte[size];
        }
        catch (OutOfMemoryError ex) {
            permits.release(units(size));
            throw ex;
        }
    }

    public void release(byte[] buffer) {
        if (buffer != null) {
            permits.release(units(buffer.length));
        }
    }

    /** Bytes of the budget in use now. */
    public long inUseBytes() {
        return (long) (total - permits.availablePermits()) * UNIT;
    }

    private int units(int size) {
        return Math.min(total, Math.max(1, (size + UNIT - 1) / UNIT));
    }
}
