package com.smartlinkauto.storage.file;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import com.smartlinkauto.servicedefaults.Correlation;
import com.smartlinkauto.servicedefaults.Threads;
import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.storage.StorageProperties;
import com.smartlinkauto.storage.config.StorageProblems;
import com.smartlinkauto.storage.node.NodeClient;
import com.smartlinkauto.storage.node.NodeException;
import com.smartlinkauto.storage.node.NodeRegistry;
import com.smartlinkauto.storage.node.StorageNode;

/**
 * Streams a file (or one byte range of it) back from the nodes: each chunk from a healthy replica
 * (live, active nodes first, in random order to spread the load), failing over to the next replica when
 * a node is unreachable, no longer has the chunk or finds its copy corrupted. {@code download.read-ahead}
 * chunks are fetched in parallel ahead of the one being sent; memory comes from the budget.
 */
@Service
public class DownloadService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DownloadService.class);

    private final FileStore store;
    private final NodeRegistry registry;
    private final NodeClient nodes;
    private final MemoryBudget budget;
    private final StorageMetrics metrics;
    private final int readAhead;
    private final ExecutorService readers;

    DownloadService(FileStore store, NodeRegistry registry, NodeClient nodes, MemoryBudget budget,
            StorageMetrics metrics, StorageProperties properties) {
        this.store = store;
        this.registry = registry;
        this.nodes = nodes;
        this.budget = budget;
        this.metrics = metrics;
        this.readAhead = properties.download().readAhead();
        this.readers = Executors.newCachedThreadPool(Threads.daemon("chunk-reader-"));
    }

    /** One part of one chunk to send: {@code [from, to)} within the chunk. */
    record Part(FileStore.FileChunk chunk, int from, int to, List<StorageNode> replicas) {
    }

    /** A download in progress: the parts to send, fetched ahead. */
    public final class Download implements AutoCloseable {

        private final Deque<Part> pending;
        private final Deque<Future<byte[]>> fetched = new ArrayDeque<>();

        Download(List<Part> parts) {
            this.pending = new ArrayDeque<>(parts);
            fill();
        }

        private void fill() {
            while (fetched.size() < readAhead && !pending.isEmpty()) {
                Part part = pending.poll();
                fetched.add(readers.submit(Correlation.carry(() -> fetch(part))));
            }
        }

        /**
         * Waits until the first part has arrived, so that a file none of whose replicas answer is a 503
         * problem instead of a broken stream.
         */
        public void awaitFirst() {
            if (!fetched.isEmpty()) {
                get(fetched.peek());
            }
        }

        public long writeTo(OutputStream out) throws IOException {
            long sent = 0;
            while (!fetched.isEmpty()) {
                Future<byte[]> next = fetched.poll();
                byte[] data = get(next);
                try {
                    fill();
                    out.write(data);
                    sent += data.length;
                    metrics.sent(data.length);
                }
                finally {
                    budget.release(data);
                }
            }
            out.flush();
            return sent;
        }

        private byte[] get(Future<byte[]> future) {
            try {
                return future.get();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, StorageProblems.CHUNK_UNAVAILABLE, "interrupted");
            }
            catch (ExecutionException ex) {
                if (ex.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(ex.getCause());
            }
        }

        @Override
        public void close() {
            for (Future<byte[]> future : fetched) {
                try {
                    budget.release(future.get());
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
                catch (ExecutionException ex) {
                    // nothing held
                }
            }
            fetched.clear();
            pending.clear();
        }
    }

    /** Plans the download of {@code [start, end)} of an AVAILABLE file and starts fetching. */
    public Download open(FileStore.FileRow file, long start, long end) {
        List<FileStore.FileChunk> chunks = store.chunks(file.fileId());
        Map<String, StorageNode> byId = registry.all().stream()
                .collect(Collectors.toMap(StorageNode::nodeId, Function.identity()));
        List<Part> parts = new ArrayList<>();
        for (FileStore.FileChunk chunk : chunks) {
            long chunkEnd = chunk.offset() + chunk.size();
            if (chunkEnd <= start || chunk.offset() >= end) {
                continue;
            }
            int from = (int) Math.max(0, start - chunk.offset());
            int to = (int) Math.min(chunk.size(), end - chunk.offset());
            parts.add(new Part(chunk, from, to, replicas(chunk, byId)));
        }
        return new Download(parts);
    }

    private static List<StorageNode> replicas(FileStore.FileChunk chunk, Map<String, StorageNode> byId) {
        List<StorageNode> nodes = new ArrayList<>();
        chunk.replicas().forEach((nodeId, status) -> {
            StorageNode node = byId.get(nodeId);
            if ("COMPLETED".equals(status) && node != null && node.readable()) {
                nodes.add(node);
            }
        });
        Collections.shuffle(nodes);
        nodes.sort(Comparator.comparingInt(DownloadService::preference));
        return nodes;
    }

    private static int preference(StorageNode node) {
        if (node.state() == StorageNode.State.LIVE) {
            return node.adminState() == StorageNode.AdminState.ACTIVE ? 0 : 1;
        }
        return 2;
    }

    private byte[] fetch(Part part) throws InterruptedException {
        long started = System.nanoTime();
        byte[] buffer = budget.acquire(part.to() - part.from());
        List<String> errors = new ArrayList<>();
        int attempt = 0;
        for (StorageNode node : part.replicas()) {
            attempt++;
            try {
                nodes.read(node, part.chunk().chunkId(), part.chunk().size(), part.from(), part.to(), buffer, 0);
                metrics.chunkRead(System.nanoTime() - started, attempt == 1 ? "served" : "failed-over");
                return buffer;
            }
            catch (NodeException ex) {
                errors.add(ex.getMessage());
                metrics.failure("download");
                if (ex.kind() == NodeException.Kind.NOT_FOUND || ex.kind() == NodeException.Kind.CORRUPTED) {
                    // the copy is gone: forget it, the repair job makes a new one from another replica
                    store.dropReplica(part.chunk().chunkId(), node.nodeId());
                }
                log.warn("Reading chunk {} from {} failed ({}); trying the next replica", part.chunk().chunkId(),
                        node.nodeId(), ex.getMessage());
            }
        }
        budget.release(buffer);
        metrics.chunkRead(System.nanoTime() - started, "unavailable");
        throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, StorageProblems.CHUNK_UNAVAILABLE,
                "Chunk " + part.chunk().index() + " of the file has no replica that answers now; try again later.",
                Map.of("chunkId", part.chunk().chunkId(), "errors", errors));
    }

    @Override
    public void destroy() {
        readers.shutdownNow();
    }
}
