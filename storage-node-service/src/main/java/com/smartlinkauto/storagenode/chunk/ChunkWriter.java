package com.smartlinkauto.storagenode.chunk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chunk being received. Bytes are hashed and (unless the chunk is already held or this node
 * only relays) appended to a temp file as they arrive, through the caller's fixed buffer: memory use
 * does not depend on the chunk size. {@link #commit()} verifies the SHA-256, fsyncs and renames into
 * place; {@link #close()} without a commit removes every trace.
 */
public final class ChunkWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChunkWriter.class);

    enum Mode {
        /** write to a temp file, rename into place */
        STORE,
        /** the chunk is already here: hash only */
        DRAIN,
        /** relay hop: hash only */
        RELAY
    }

    private final ChunkStore store;
    private final ChunkId id;
    private final Mode mode;
    private final long declaredLength;
    private final long maxBytes;
    private final MessageDigest digest;
    private final Path tempFile;
    private final FileChannel channel;
    private long written;
    private long reserved;
    private boolean done;

    ChunkWriter(ChunkStore store, ChunkId id, Mode mode, long declaredLength, long maxBytes, Path tempFile,
            FileChannel channel, long reserved) {
        this.store = store;
        this.id = id;
        this.mode = mode;
        this.declaredLength = declaredLength;
        this.maxBytes = maxBytes;
        this.digest = sha256();
        this.tempFile = tempFile;
        this.channel = channel;
        this.reserved = reserved;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every JDK has SHA-256", ex);
        }
    }

    /** Hashes and stores the next bytes of the body; 413/507 problems when they do not fit. */
    public void write(byte[] buffer, int offset, int length) {
        if (done) {
            throw new IllegalStateException("chunk writer already finished");
        }
        written += length;
        if (written > maxBytes) {
            throw ChunkProblems.tooLarge(maxBytes);
        }
        digest.update(buffer, offset, length);
        if (mode != Mode.STORE) {
            return;
        }
        if (written > reserved) {
            long more = written - reserved;
            if (!store.reserve(more)) {
                throw ChunkProblems.insufficientStorage(written, store.freeBytes());
            }
            reserved += more;
        }
        try {
            ByteBuffer bytes = ByteBuffer.wrap(buffer, offset, length);
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot write chunk " + id + " to " + tempFile, ex);
        }
    }

    /**
     * Verifies the SHA-256 of everything written against the id and, for a new chunk, makes it
     * durable: fsync the file, rename it atomically into place, fsync the directory.
     *
     * @throws com.smartlinkauto.servicedefaults.problem.ApiException 400 {@code chunk-checksum-mismatch}
     *         (nothing kept), 409 when a drained chunk was deleted meanwhile
     */
    public WriteOutcome commit() {
        if (done) {
            throw new IllegalStateException("chunk writer already finished");
        }
        if (declaredLength >= 0 && written != declaredLength) {
            throw ChunkProblems.incompleteBody();
        }
        ChunkId computed = ChunkId.ofDigest(digest.digest());
        if (!computed.equals(id)) {
            store.checksumMismatchOnWrite();
            throw ChunkProblems.checksumMismatch(id, computed);
        }
        return switch (mode) {
            case RELAY -> finish(WriteOutcome.RELAYED);
            case DRAIN -> {
                if (!store.holds(id)) {
                    throw ChunkProblems.deletedWhileWriting(id);
                }
                yield finish(WriteOutcome.EXISTING);
            }
            case STORE -> {
                try {
                    channel.force(true);
                    channel.close();
                }
                catch (IOException ex) {
                    throw new UncheckedIOException("Cannot fsync chunk " + id, ex);
                }
                boolean created = store.install(id, tempFile, written, reserved);
                reserved = 0; // handed over to the store: used bytes, or released when the chunk already existed
                yield finish(created ? WriteOutcome.CREATED : WriteOutcome.EXISTING);
            }
        };
    }

    private WriteOutcome finish(WriteOutcome outcome) {
        done = true;
        return outcome;
    }

    /** Bytes received so far. */
    public long written() {
        return written;
    }

    public ChunkId id() {
        return id;
    }

    /** Without a successful {@link #commit()}: closes and deletes the temp file and frees the reservation. */
    @Override
    public void close() {
        if (mode == Mode.STORE) {
            try {
                if (channel.isOpen()) {
                    channel.close();
                }
                if (!done || reserved > 0) {
                    Files.deleteIfExists(tempFile);
                }
            }
            catch (IOException ex) {
                log.warn("Could not remove the partial chunk file {}: {}", tempFile, ex.getMessage());
            }
            if (reserved > 0) {
                store.release(reserved);
                reserved = 0;
            }
        }
        done = true;
    }
}
