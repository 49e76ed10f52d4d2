package com.smartlinkauto.storage.file;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.storage.StorageProperties;
import com.smartlinkauto.storage.StorageTestSupport;
import com.smartlinkauto.storage.node.NodeRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Whichever way an upload ends, every chunk buffer it took goes back to the shared memory budget, exactly
 * once: the budget in use returns to its value before the upload (a leak leaves it higher, a second release
 * of a buffer lower). Drives the real {@link UploadService} (real nodes, database, writers) with bodies that
 * end, break off, grow too large, fail or are cancelled after several chunks are in flight.
 */
class UploadReleaseIT extends StorageTestSupport {

    private static final int CHUNK = 64 * 1024;

    @Autowired
    UploadService uploads;

    @Autowired
    MemoryBudget budget;

    @Autowired
    JdbcClient jdbc;

    // the collaborators of a second UploadService with a lower size limit
    @Autowired
    FileStore store;

    @Autowired
    ChunkWriter writer;

    @Autowired
    NodeRegistry registry;

    @Autowired
    StorageProperties properties;

    @Autowired
    StorageMetrics metrics;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    ApplicationEventPublisher events;

    @Test
    void aStoredFileGivesEveryBufferBack() {
        long before = budget.inUseBytes();
        String owner = owner();

        UploadService.Stored stored = uploads.upload(new Body(5L * CHUNK + 1), options(), plan(), owner);

        assertThat(budget.inUseBytes()).isEqualTo(before);
        assertThat(status(owner)).isEqualTo("AVAILABLE");
        assertThat(stored.fileId()).isNotNull();
    }

    @Test
    void aBodyThatBreaksOffGivesEveryBufferBack() {
        long before = budget.inUseBytes();
        String owner = owner();
        Body body = new Body(10L * CHUNK).at(3L * CHUNK + CHUNK / 2, () -> {
            throw new IOException("connection reset by the test");
        });

        assertThatThrownBy(() -> uploads.upload(body, options(), plan(), owner))
                .isInstanceOfSatisfying(ApiException.class, ex -> {
                    assertThat(ex.status().value()).isEqualTo(400);
                    assertThat(ex.getMessage()).contains("broke off after " + 3 * CHUNK + " bytes");
                });

        assertThat(budget.inUseBytes()).isEqualTo(before);
        assertThat(status(owner)).isEqualTo("FAILED");
    }

    @Test
    void aBodyLargerThanTheLimitGivesEveryBufferBack() {
        UploadService limited = new UploadService(store, writer, registry, budget,
                withMaxFileSize(properties, DataSize.ofKilobytes(256)), metrics, tx, events);
        try {
            long before = budget.inUseBytes();
            String owner = owner();

            assertThatThrownBy(() -> limited.upload(new Body(16L * CHUNK), options(), plan(), owner))
                    .isInstanceOfSatisfying(ApiException.class,
                            ex -> assertThat(ex.status().value()).isEqualTo(413));

            assertThat(budget.inUseBytes()).isEqualTo(before);
            assertThat(status(owner)).isEqualTo("FAILED");
        }
        finally {
            limited.destroy();
        }
    }

    @Test
    void aBodyThatFailsOtherwiseGivesEveryBufferBack() {
        long before = budget.inUseBytes();
        String owner = owner();
        Body body = new Body(10L * CHUNK).at(2L * CHUNK + 100, () -> {
            throw new IllegalStateException("the body failed");
        });

        assertThatThrownBy(() -> uploads.upload(body, options(), plan(), owner))
                .isInstanceOf(IllegalStateException.class).hasMessage("the body failed");

        assertThat(budget.inUseBytes()).isEqualTo(before);
        assertThat(status(owner)).isEqualTo("FAILED");
    }

    @Test
    void aCancelledUploadGivesEveryBufferBackOnceItsWritersAreDone() {
        long before = budget.inUseBytes();
        String owner = owner();
        // the request thread is interrupted while it reads the third chunk; it notices when it waits for the next
        Body body = new Body(10L * CHUNK).at(2L * CHUNK + CHUNK / 2, () -> Thread.currentThread().interrupt());

        try {
            assertThatThrownBy(() -> uploads.upload(body, options(), plan(), owner))
                    .isInstanceOfSatisfying(ApiException.class,
                            ex -> assertThat(ex.status().value()).isEqualTo(503));
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is passed on").isTrue();
        }
        finally {
            Thread.interrupted();
        }

        // the writers of the chunks in flight finish on their own threads and release their buffers then
        await("every buffer back, and not one released twice").atMost(Duration.ofSeconds(30))
                .during(Duration.ofMillis(300)).until(() -> budget.inUseBytes() == before);
    }

    private UploadService.Options options() {
        return new UploadService.Options(null, String.valueOf(CHUNK), "release.bin", "application/octet-stream", null);
    }

    private UploadService.Plan plan() {
        return uploads.plan(options());
    }

    private static String owner() {
        return "release-it-" + UUID.randomUUID();
    }

    private String status(String owner) {
        return jdbc.sql("select status from stored_file where owner_id = ?").param(owner).query(String.class).single();
    }

    private static StorageProperties withMaxFileSize(StorageProperties p, DataSize maxFileSize) {
        StorageProperties.Upload u = p.upload();
        return new StorageProperties(p.memoryBudget(), p.liveness(),
                new StorageProperties.Upload(u.defaultReplication(), u.defaultChunkSize(), maxFileSize, u.parallelism(),
                        u.attempts(), u.retryBackoff()),
                p.download(), p.repair(), p.gc(), p.nodes(), p.transfers());
    }

    /** Something that happens to the body when the upload has read this far. */
    @FunctionalInterface
    interface Event {
        void happen() throws IOException;
    }

    /** A request body of random bytes; at one position something happens (an error, an interrupt). */
    static final class Body extends InputStream {

        private final long length;
        private final Random random = new Random(11);
        private long position;
        private long eventAt = -1;
        private Event event;

        Body(long length) {
            this.length = length;
        }

        Body at(long position, Event event) {
            this.eventAt = position;
            this.event = event;
            return this;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (event != null && position == eventAt) {
                Event now = event;
                event = null;
                now.happen();
            }
            if (position >= length) {
                return -1;
            }
            long until = event != null && eventAt > position ? Math.min(length, eventAt) : length;
            int n = (int) Math.min(len, until - position);
            byte[] bytes = new byte[n];
            random.nextBytes(bytes);
            System.arraycopy(bytes, 0, b, off, n);
            position += n;
            return n;
        }
    }
}
