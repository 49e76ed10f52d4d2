package com.smartlinkauto.storage.file;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The memory of one upload: at most {@code parallelism} chunks in flight at once (a window), each in a
 * buffer taken from the shared {@link MemoryBudget}. {@link #take()} hands out a {@link Chunk} that owns
 * one buffer and one place in the window and gives both back exactly once when it is closed, whichever
 * way the upload ends.
 * <p>
 * A chunk has one owner at a time: the thread that reads the body into it (in a try-with-resources) until
 * it {@linkplain Chunk#handOff() hands it off} to the writer that sends it to the nodes; from then on
 * only the writer's close releases it.
 */
final class UploadBuffers {

    private final MemoryBudget budget;
    private final Semaphore window;
    private final int parallelism;
    private final int chunkSize;

    UploadBuffers(MemoryBudget budget, int parallelism, int chunkSize) {
        this.budget = budget;
        this.window = new Semaphore(parallelism);
        this.parallelism = parallelism;
        this.chunkSize = chunkSize;
    }

    /** A buffer of {@code chunkSize} bytes, once the window and the memory budget have room for it. */
    Chunk take() throws InterruptedException {
        window.acquire();
        try {
            return new Chunk(budget.acquire(chunkSize), new AtomicBoolean());
        }
        catch (InterruptedException | RuntimeException | Error ex) {
            window.release();
            throw ex;
        }
    }

    int chunkSize() {
        return chunkSize;
    }

    /** Chunks of this upload holding a buffer now. */
    int inFlight() {
        return parallelism - window.availablePermits();
    }

    private void release(byte[] buffer) {
        budget.release(buffer);
        window.release();
    }

    /** One chunk's buffer and its place in the window; {@link #close()} gives both back, once. */
    final class Chunk implements AutoCloseable {

        private final byte[] buffer;
        /** Shared by this chunk's handles: whichever closes first releases, the others do nothing. */
        private final AtomicBoolean released;
        private volatile boolean handedOff;

        private Chunk(byte[] buffer, AtomicBoolean released) {
            this.buffer = buffer;
            this.released = released;
        }

        byte[] bytes() {
            return buffer;
        }

        /**
         * Passes the chunk to another owner (a writer on another thread): the returned handle releases it,
         * closing this one no longer does.
         */
        Chunk handOff() {
            if (handedOff || released.get()) {
                throw new IllegalStateException("this chunk is no longer held here");
            }
            handedOff = true;
            return new Chunk(buffer, released);
        }

        @Override
        public void close() {
            if (!handedOff && released.compareAndSet(false, true)) {
                release(buffer);
            }
        }
    }
}
