package com.smartlinkauto.storage.file;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.contracts.events.storage.FileStored;
import com.smartlinkauto.contracts.events.storage.StorageEventTypes;
import com.smartlinkauto.servicedefaults.Correlation;
import com.smartlinkauto.servicedefaults.Threads;
import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;
import com.smartlinkauto.storage.StorageProperties;
import com.smartlinkauto.storage.config.StorageProblems;
import com.smartlinkauto.storage.node.NodeRegistry;

/**
 * Stores an uploaded stream as a file: reads it one chunk at a time into a buffer from the memory budget,
 * hashes it (chunk id and whole-file SHA-256), records the chunk, and hands it to a writer while the next
 * chunk is read; at most {@code upload.parallelism} chunks of one upload are in flight. Memory use does not
 * grow with the file's size. The file becomes AVAILABLE only when every chunk has a stored copy.
 */
@Service
public class UploadService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UploadService.class);
    static final int MIN_CHUNK = 64 * 1024;
    static final int MAX_CHUNK = 64 * 1024 * 1024;

    private final FileStore store;
    private final ChunkWriter writer;
    private final NodeRegistry registry;
    private final MemoryBudget budget;
    private final StorageProperties properties;
    private final StorageMetrics metrics;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final ExecutorService writers;

    UploadService(FileStore store, ChunkWriter writer, NodeRegistry registry, MemoryBudget budget,
            StorageProperties properties, StorageMetrics metrics, TransactionTemplate tx,
            ApplicationEventPublisher events) {
        this.store = store;
        this.writer = writer;
        this.registry = registry;
        this.budget = budget;
        this.properties = properties;
        this.metrics = metrics;
        this.tx = tx;
        this.events = events;
        this.writers = Executors.newCachedThreadPool(Threads.daemon("chunk-writer-"));
    }

    /** What the client asked for; nulls mean defaults. */
    public record Options(Integer replication, String chunkSize, String name, String contentType, Long declaredSize) {
    }

    public record Stored(UUID fileId, List<String> warnings) {
    }

    /** Validates the options and says how the file will be stored, before a byte of the body is read. */
    public record Plan(int replication, int chunkSize, List<String> warnings) {
    }

    public Plan plan(Options options) {
        int chunkSize = chunkSize(options.chunkSize());
        if (options.replication() != null && (options.replication() < 1 || options.replication() > 5)) {
            throw StorageProblems.invalidUpload("replication must be between 1 and 5.");
        }
        long maxSize = properties.upload().maxFileSize().toBytes();
        if (options.declaredSize() != null && options.declaredSize() > maxSize) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, StorageProblems.FILE_TOO_LARGE,
                    "Files may be at most " + maxSize + " bytes.", Map.of("maxBytes", maxSize));
        }
        int live = registry.placeable().size();
        if (live == 0) {
            throw StorageProblems.noLiveNodes();
        }
        List<String> warnings = new ArrayList<>();
        int replication;
        if (options.replication() == null) {
            int wanted = properties.upload().defaultReplication();
            replication = Math.min(wanted, live);
            if (replication < wanted) {
                warnings.add("Only " + live + " live storage node(s): replication " + replication
                        + " instead of the default " + wanted + ".");
            }
        }
        else {
            replication = options.replication();
            if (replication > live) {
                warnings.add("Only " + live + " live storage node(s): the file is stored with " + live
                        + " copies per chunk now and re-replicated to " + replication + " when nodes join.");
            }
        }
        return new Plan(replication, chunkSize, warnings);
    }

    static int chunkSize(String value) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        long bytes;
        if (value.length() > 32) {
            throw StorageProblems.invalidUpload("chunkSize must be a size such as 4194304, 512KB or 4MB.");
        }
        try {
            bytes = DataSize.parse(value.trim().replace("KiB", "KB").replace("MiB", "MB")).toBytes();
        }
        catch (IllegalArgumentException | ArithmeticException ex) {
            // ArithmeticException: a size beyond a long (9999999TB) overflows while it is converted to bytes
            throw StorageProblems.invalidUpload("chunkSize must be a size such as 4194304, 512KB or 4MB.");
        }
        if (bytes < MIN_CHUNK || bytes > MAX_CHUNK) {
            throw StorageProblems.invalidUpload("chunkSize must be between 64 KiB and 64 MiB.");
        }
        return (int) bytes;
    }

    /**
     * Stores the body as a new file: {@link Upload#receive reads} it chunk by chunk and hands each chunk to a
     * writer, {@link Upload#awaitWrites waits} for the writers, and {@link Upload#complete completes} the file
     * (AVAILABLE, FileStored event). Any failure marks the file FAILED ({@link Upload#abandon}); every chunk
     * buffer goes back to the memory budget exactly once ({@link UploadBuffers}).
     */
    public Stored upload(InputStream body, Options options, Plan plan, String ownerId) {
        Upload upload = new Upload(options, plan, ownerId);
        try {
            upload.receive(body);
            int minCopies = upload.awaitWrites();
            return upload.complete(minCopies);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            upload.abandon("interrupted");
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
                    "The upload was interrupted; nothing was kept.");
        }
        catch (RuntimeException | Error ex) {
            upload.abandon(ex instanceof ApiException api ? api.getMessage() : ex.toString());
            throw ex;
        }
    }

    /** One upload in progress: the file row, its chunks in flight and what the writers report. */
    private final class Upload {

        private final UUID fileId = UUID.randomUUID();
        private final Options options;
        private final Plan plan;
        private final String ownerId;
        private final String contentType;
        private final int replication;
        private final long maxSize;
        private final UploadBuffers buffers;
        private final MessageDigest fileDigest = sha256();
        private final List<Future<ChunkWriter.Written>> writes = new ArrayList<>();
        private final AtomicReference<String> failure = new AtomicReference<>();
        /** The whole-file SHA-256, updated chunk after chunk on a writer thread. */
        private CompletableFuture<Void> fileHash = CompletableFuture.completedFuture(null);
        private long size;
        private int chunks;

        /** Records the file as UPLOADING. */
        Upload(Options options, Plan plan, String ownerId) {
            this.options = options;
            this.plan = plan;
            this.ownerId = ownerId;
            int chunkSize = plan.chunkSize() > 0 ? plan.chunkSize()
                    : (int) properties.upload().defaultChunkSize().toBytes();
            this.replication = plan.replication();
            this.contentType = options.contentType() == null ? "application/octet-stream" : options.contentType();
            this.maxSize = properties.upload().maxFileSize().toBytes();
            this.buffers = new UploadBuffers(budget, properties.upload().parallelism(), chunkSize);
            store.createFile(fileId, options.name(), contentType, chunkSize, replication, ownerId);
        }

        /**
         * Reads the body one chunk at a time and hands each chunk to a writer; stops at the end of the body or
         * at the first chunk no node could store. A chunk that is not handed off is released when its block
         * ends (end of body, broken body, too large, interrupted).
         */
        void receive(InputStream body) throws InterruptedException {
            while (failure.get() == null) {
                try (UploadBuffers.Chunk chunk = buffers.take()) {
                    int read = fill(body, chunk);
                    if (read == 0) {
                        return;
                    }
                    if (size + read > maxSize) {
                        throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, StorageProblems.FILE_TOO_LARGE,
                                "Files may be at most " + maxSize + " bytes; nothing was kept.",
                                Map.of("maxBytes", maxSize));
                    }
                    writes.add(write(chunk, read));
                    size += read;
                    chunks++;
                    if (read < buffers.chunkSize()) {
                        return;
                    }
                }
            }
        }

        private int fill(InputStream body, UploadBuffers.Chunk chunk) {
            try {
                return body.readNBytes(chunk.bytes(), 0, buffers.chunkSize());
            }
            catch (IOException ex) {
                throw new ApiException(HttpStatus.BAD_REQUEST, ProblemTypes.of("incomplete-body"),
                        "The upload broke off after " + size + " bytes; nothing was kept.");
            }
        }

        /**
         * The whole-file hash takes the chunk on another thread, and a writer hashes the chunk (its id), records
         * it and writes it to its nodes: the reading thread only reads, so both cores work. The writer owns the
         * chunk from here and releases it once the file hash has read it too.
         */
        private Future<ChunkWriter.Written> write(UploadBuffers.Chunk chunk, int length) {
            byte[] buffer = chunk.bytes();
            CompletableFuture<Void> hashed = fileHash.thenRunAsync(() -> fileDigest.update(buffer, 0, length), writers);
            fileHash = hashed;
            metrics.received(length);
            int chunkIndex = chunks;
            long offset = size;
            UploadBuffers.Chunk owned = chunk.handOff();
            try {
                return writers.submit(Correlation.carry(() -> {
                    try (owned) {
                        try {
                            return writeChunk(buffer, length, chunkIndex, offset);
                        }
                        finally {
                            hashed.join();
                        }
                    }
                }));
            }
            catch (RuntimeException ex) {
                owned.close();
                throw ex;
            }
        }

        private ChunkWriter.Written writeChunk(byte[] buffer, int length, int chunkIndex, long offset)
                throws InterruptedException {
            try {
                MessageDigest chunkDigest = sha256();
                chunkDigest.update(buffer, 0, length);
                String chunkId = HexFormat.of().formatHex(chunkDigest.digest());
                store.addChunk(fileId, chunkIndex, chunkId, length, offset, replication);
                ChunkWriter.Written written = writer.write(chunkId, buffer, length, replication);
                if (written.holders().isEmpty()) {
                    failure.compareAndSet(null, "chunk " + chunkIndex + " (" + chunkId + ") could not be stored: "
                            + String.join("; ", written.errors()));
                }
                return written;
            }
            catch (RuntimeException ex) {
                failure.compareAndSet(null, "chunk " + chunkIndex + ": " + ex);
                throw ex;
            }
        }

        /** Waits for every writer; the fewest copies any chunk got (the replication for an empty file). */
        int awaitWrites() throws InterruptedException {
            int minReplicas = Integer.MAX_VALUE;
            for (Future<ChunkWriter.Written> write : writes) {
                try {
                    minReplicas = Math.min(minReplicas, write.get().holders().size());
                }
                catch (ExecutionException ex) {
                    failure.compareAndSet(null, String.valueOf(ex.getCause()));
                }
            }
            if (failure.get() != null) {
                throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, StorageProblems.STORAGE_WRITE_FAILED,
                        "The file could not be stored (" + failure.get() + "); nothing was kept. Try again.",
                        Map.of("fileId", fileId.toString()));
            }
            return minReplicas == Integer.MAX_VALUE ? replication : minReplicas;
        }

        /** Makes the file AVAILABLE and publishes FileStored, in one transaction. */
        Stored complete(int minCopies) {
            List<String> warnings = new ArrayList<>(plan.warnings());
            if (minCopies < replication) {
                warnings.add("Some chunks have " + minCopies + " of " + replication
                        + " copies for now; the controller re-replicates them.");
            }
            fileHash.join();
            String sha256 = HexFormat.of().formatHex(fileDigest.digest());
            int chunkSize = buffers.chunkSize();
            tx.executeWithoutResult(status -> {
                store.complete(fileId, size, sha256, chunks);
                events.publishEvent(EventEnvelope.of(StorageEventTypes.FILE_STORED, fileId.toString(),
                        new FileStored(fileId, options.name(), contentType, size, sha256, chunkSize, chunks,
                                replication, minCopies, ownerId, Instant.now())));
            });
            log.info("Stored file {} ({} bytes, {} chunks of {}, replication {})", fileId, size, chunks, chunkSize,
                    replication);
            return new Stored(fileId, warnings);
        }

        /** Waits for the writers still running (unless interrupted) and marks the file FAILED. */
        void abandon(String reason) {
            for (Future<ChunkWriter.Written> write : writes) {
                try {
                    write.get();
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    break;
                }
                catch (ExecutionException ex) {
                    // already recorded
                }
            }
            try {
                store.fail(fileId, reason);
            }
            catch (RuntimeException ex) {
                log.warn("Could not mark failed upload {} as failed: {}", fileId, ex.toString());
            }
            log.warn("Upload {} failed after {} chunk(s): {}", fileId, writes.size(), reason);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void destroy() {
        writers.shutdownNow();
    }
}
