package com.smartlinkauto.storagenode.chunk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.smartlinkauto.storagenode.node.Durable;

/**
 * The chunks on this node's disk. Writes are atomic (temp file, fsync, rename, fsync directory) and
 * idempotent (content addressed); reads are verified against the id before a byte is sent, and a
 * copy that fails verification is moved to quarantine and reported, never served.
 *
 * <p>Concurrency: installing, deleting and quarantining one id happen under that id's lock stripe
 * (256 stripes by first byte); reads take no lock and work on an open file descriptor.
 */
public class ChunkStore {

    private static final Logger log = LoggerFactory.getLogger(ChunkStore.class);

    private final ChunkLayout layout;
    private final SpaceAccounting space;
    private final ChunkIndex index = new ChunkIndex();
    private final CorruptChunks corrupt;
    private final ChunkMetrics metrics;
    private final FileStore fileStore;
    private final long maxChunkBytes;
    private final int bufferBytes;
    private final Clock clock;
    private final ReentrantLock[] stripes = new ReentrantLock[256];
    private final AtomicLong quarantinedBytes = new AtomicLong();

    public ChunkStore(ChunkLayout layout, long capacityBytes, long maxChunkBytes, int bufferBytes,
            CorruptChunks corrupt, ChunkMetrics metrics, Clock clock) {
        this.layout = layout;
        this.space = new SpaceAccounting(capacityBytes);
        this.maxChunkBytes = maxChunkBytes;
        this.bufferBytes = bufferBytes;
        this.corrupt = corrupt;
        this.metrics = metrics;
        this.clock = clock;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
        try {
            this.fileStore = Files.getFileStore(layout.chunksRoot());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        load();
    }

    /** Builds the index from the files on disk (no hashing: reads verify, the scrubber is a follow-up). */
    private void load() {
        long started = System.nanoTime();
        AtomicLong strays = new AtomicLong();
        try {
            layout.scan((id, size) -> {
                index.put(id, size);
                space.added(size);
            }, stray -> {
                if (strays.incrementAndGet() <= 10) {
                    log.warn("Ignoring {}: not a chunk file in its place", stray);
                }
            });
            try (var files = Files.list(layout.quarantineRoot())) {
                quarantinedBytes.set(files.mapToLong(f -> f.toFile().length()).sum());
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the chunk directory " + layout.chunksRoot(), ex);
        }
        log.info("Loaded {} chunk(s), {} bytes, in {} ms{}", index.count(), space.used(),
                (System.nanoTime() - started) / 1_000_000, strays.get() > 0 ? " (" + strays.get() + " stray files)" : "");
        if (space.used() > space.capacity()) {
            log.warn("The stored chunks ({} bytes) exceed the declared capacity ({} bytes): new chunks get 507 "
                    + "until some are deleted", space.used(), space.capacity());
        }
    }

    // ------------------------------------------------------------------ writes

    /**
     * Starts receiving a chunk. {@code declaredLength} is the {@code Content-Length} (-1 when unknown):
     * over the chunk limit is a 413, over the free capacity a 507, before any byte is read. A chunk
     * already held is only hashed (the body must still match), not written again.
     */
    public ChunkWriter beginWrite(ChunkId id, long declaredLength) {
        checkDeclaredLength(declaredLength);
        if (holds(id)) {
            return new ChunkWriter(this, id, ChunkWriter.Mode.DRAIN, declaredLength, maxChunkBytes, null, null, 0);
        }
        long upFront = Math.max(declaredLength, 0);
        long diskFree = diskUsableBytes();
        if (diskFree < Math.max(upFront, bufferBytes)) {
            throw ChunkProblems.insufficientStorage(Math.max(upFront, 1), Math.min(diskFree, space.free()));
        }
        if (!space.tryReserve(upFront)) {
            throw ChunkProblems.insufficientStorage(upFront, freeBytes());
        }
        Path temp = layout.newTempFile(id);
        try {
            FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return new ChunkWriter(this, id, ChunkWriter.Mode.STORE, declaredLength, maxChunkBytes, temp, channel,
                    upFront);
        }
        catch (IOException ex) {
            space.release(upFront);
            throw new UncheckedIOException("Cannot create " + temp, ex);
        }
    }

    /** A relay hop: the body is hashed (a bad one is refused with 400) but not stored. */
    public ChunkWriter beginRelay(ChunkId id, long declaredLength) {
        checkDeclaredLength(declaredLength);
        return new ChunkWriter(this, id, ChunkWriter.Mode.RELAY, declaredLength, maxChunkBytes, null, null, 0);
    }

    private void checkDeclaredLength(long declaredLength) {
        if (declaredLength > maxChunkBytes) {
            throw ChunkProblems.tooLarge(maxChunkBytes);
        }
    }

    boolean reserve(long bytes) {
        return space.tryReserve(bytes);
    }

    void release(long bytes) {
        space.release(bytes);
    }

    void checksumMismatchOnWrite() {
        metrics.checksumFailure(false);
    }

    /**
     * Moves a verified, fsynced temp file into place. When a concurrent writer already installed the
     * same id, the temp file is dropped: both held identical bytes.
     *
     * @return true when this call created the chunk
     */
    boolean install(ChunkId id, Path tempFile, long size, long reservation) {
        Path target = layout.pathOf(id);
        ReentrantLock lock = stripe(id);
        lock.lock();
        try {
            if (Files.exists(target)) {
                Files.deleteIfExists(tempFile);
                space.release(reservation);
                return false;
            }
            Durable.createDirectories(target.getParent());
            Files.move(tempFile, target, StandardCopyOption.ATOMIC_MOVE);
            Durable.syncDirectory(target.getParent());
            Long previous = index.put(id, size);
            space.commit(reservation, previous == null ? size : 0);
            return true;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot install chunk " + id, ex);
        }
        finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ reads

    /**
     * Opens a chunk and hashes all of it. A mismatch quarantines the file, reports it and is a 409
     * {@code chunk-corrupted}: a corrupted copy is never returned.
     *
     * @throws com.smartlinkauto.servicedefaults.problem.ApiException 404 {@code chunk-not-found},
     *         409 {@code chunk-corrupted}
     */
    public VerifiedChunk openVerified(ChunkId id) {
        Path path = layout.pathOf(id);
        Object fileKey;
        FileChannel channel;
        try {
            fileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            channel = FileChannel.open(path, StandardOpenOption.READ);
        }
        catch (NoSuchFileException ex) {
            forget(id);
            throw ChunkProblems.notFound(id);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot open chunk " + id, ex);
        }
        boolean verified = false;
        try {
            long size = channel.size();
            MessageDigest digest = ChunkWriter.sha256();
            ByteBuffer buffer = ByteBuffer.allocate(bufferBytes);
            long position = 0;
            while (true) {
                buffer.clear();
                int n = channel.read(buffer, position);
                if (n < 0) {
                    break;
                }
                position += n;
                buffer.flip();
                digest.update(buffer);
            }
            ChunkId computed = ChunkId.ofDigest(digest.digest());
            if (!computed.equals(id)) {
                metrics.checksumFailure(true);
                quarantine(id, fileKey, computed);
                throw ChunkProblems.corrupted(id);
            }
            verified = true;
            return new VerifiedChunk(id, channel, size);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read chunk " + id, ex);
        }
        finally {
            if (!verified) {
                try {
                    channel.close();
                }
                catch (IOException ignored) {
                    // read-only
                }
            }
        }
    }

    /** Moves a corrupted file aside, unless a good copy replaced it since it was read. */
    private void quarantine(ChunkId id, Object fileKey, ChunkId computed) {
        Path path = layout.pathOf(id);
        ReentrantLock lock = stripe(id);
        lock.lock();
        try {
            BasicFileAttributes now = Files.readAttributes(path, BasicFileAttributes.class);
            if (!Objects.equals(now.fileKey(), fileKey)) {
                return; // re-written meanwhile; the new copy was verified on write
            }
            Path target = layout.quarantinePath(id, clock.instant());
            Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
            Durable.syncDirectory(path.getParent());
            forgetLocked(id);
            quarantinedBytes.addAndGet(now.size());
            corrupt.report(id);
            log.warn("Chunk {} is corrupted on disk (its bytes hash to {}): moved to {} and reported to the "
                    + "controller; it is not served", id, computed, target);
        }
        catch (NoSuchFileException ex) {
            forgetLocked(id); // deleted meanwhile
        }
        catch (IOException ex) {
            // still refuse to serve it; the next read tries again
            log.error("Chunk {} is corrupted but could not be quarantined: {}", id, ex.getMessage());
            corrupt.report(id);
        }
        finally {
            lock.unlock();
        }
    }

    /** Size of a held chunk (no verification): HEAD. */
    public OptionalLong sizeOf(ChunkId id) {
        try {
            return OptionalLong.of(Files.size(layout.pathOf(id)));
        }
        catch (NoSuchFileException ex) {
            return OptionalLong.empty();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot stat chunk " + id, ex);
        }
    }

    public boolean holds(ChunkId id) {
        return Files.isRegularFile(layout.pathOf(id));
    }

    // ------------------------------------------------------------------ deletes

    /** @return false when the chunk was not here */
    public boolean delete(ChunkId id) {
        ReentrantLock lock = stripe(id);
        lock.lock();
        try {
            boolean deleted = Files.deleteIfExists(layout.pathOf(id));
            forgetLocked(id);
            return deleted;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot delete chunk " + id, ex);
        }
        finally {
            lock.unlock();
        }
    }

    private void forget(ChunkId id) {
        ReentrantLock lock = stripe(id);
        lock.lock();
        try {
            if (!Files.exists(layout.pathOf(id))) {
                forgetLocked(id);
            }
        }
        finally {
            lock.unlock();
        }
    }

    private void forgetLocked(ChunkId id) {
        Long size = index.remove(id);
        if (size != null) {
            space.removed(size);
        }
    }

    // ------------------------------------------------------------------ usage and listings

    public long capacityBytes() {
        return space.capacity();
    }

    public long usedBytes() {
        return space.used();
    }

    /** Capacity left for new chunks: declared capacity minus used and reserved, and never more than the disk has. */
    public long freeBytes() {
        return Math.max(0, Math.min(space.free(), diskUsableBytes()));
    }

    public long quarantinedBytes() {
        return quarantinedBytes.get();
    }

    public int chunkCount() {
        return index.count();
    }

    /** Chunks with ids after {@code after} (null: from the first), at most {@code limit}, in id order. */
    public List<ChunkEntry> list(String after, int limit) {
        return index.page(after, limit);
    }

    /** Every chunk held, for a full report. */
    public List<ChunkEntry> all() {
        return index.all();
    }

    public long maxChunkBytes() {
        return maxChunkBytes;
    }

    public int bufferBytes() {
        return bufferBytes;
    }

    public boolean writable() {
        return Files.isWritable(layout.chunksRoot());
    }

    private long diskUsableBytes() {
        try {
            return fileStore.getUsableSpace();
        }
        catch (IOException ex) {
            return 0;
        }
    }

    private ReentrantLock stripe(ChunkId id) {
        return stripes[id.firstByte()];
    }
}
