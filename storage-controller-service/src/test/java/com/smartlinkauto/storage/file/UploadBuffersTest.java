package com.smartlinkauto.storage.file;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import com.smartlinkauto.storage.StorageProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Every chunk buffer and window place goes back exactly once, whoever holds the chunk when it is closed. */
class UploadBuffersTest {

    private static final int CHUNK = 64 * 1024;

    private final MemoryBudget budget = budget("1MB");

    @Test
    void closingAChunkGivesItsBufferAndWindowPlaceBackOnce() {
        UploadBuffers buffers = new UploadBuffers(budget, 3, CHUNK);
        UploadBuffers.Chunk chunk = take(buffers);
        assertThat(chunk.bytes()).hasSize(CHUNK);
        assertThat(buffers.inFlight()).isEqualTo(1);
        assertThat(budget.inUseBytes()).isEqualTo(CHUNK);

        chunk.close();
        chunk.close();

        assertThat(buffers.inFlight()).isZero();
        assertThat(budget.inUseBytes()).isZero();
    }

    @Test
    void aHandedOffChunkIsReleasedByItsNewOwnerOnly() {
        UploadBuffers buffers = new UploadBuffers(budget, 3, CHUNK);
        UploadBuffers.Chunk reader = take(buffers);
        UploadBuffers.Chunk writer = reader.handOff();
        assertThat(writer.bytes()).isSameAs(reader.bytes());

        reader.close();
        assertThat(buffers.inFlight()).isEqualTo(1);
        assertThat(budget.inUseBytes()).isEqualTo(CHUNK);

        writer.close();
        writer.close();
        reader.close();
        assertThat(buffers.inFlight()).isZero();
        assertThat(budget.inUseBytes()).isZero();
    }

    @Test
    void aChunkIsHandedOffOnceAndNeverAfterItWasReleased() {
        UploadBuffers buffers = new UploadBuffers(budget, 3, CHUNK);
        UploadBuffers.Chunk handed = take(buffers);
        UploadBuffers.Chunk writer = handed.handOff();
        assertThatThrownBy(handed::handOff).isInstanceOf(IllegalStateException.class);
        writer.close();
        assertThatThrownBy(writer::handOff).isInstanceOf(IllegalStateException.class);

        UploadBuffers.Chunk released = take(buffers);
        released.close();
        assertThatThrownBy(released::handOff).isInstanceOf(IllegalStateException.class);
        assertThat(budget.inUseBytes()).isZero();
    }

    @Test
    void atMostParallelismChunksAreInFlight() {
        UploadBuffers buffers = new UploadBuffers(budget, 2, CHUNK);
        UploadBuffers.Chunk first = take(buffers);
        take(buffers);
        CompletableFuture<UploadBuffers.Chunk> third = CompletableFuture.supplyAsync(() -> take(buffers));

        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !third.isDone());
        first.close();
        UploadBuffers.Chunk taken = third.orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join();
        assertThat(taken.bytes()).hasSize(CHUNK);
        assertThat(buffers.inFlight()).isEqualTo(2);
    }

    @Test
    void aTakeInterruptedWhileTheBudgetIsFullGivesItsWindowPlaceBack() throws Exception {
        MemoryBudget small = budget("64KB");
        UploadBuffers buffers = new UploadBuffers(small, 3, CHUNK);
        UploadBuffers.Chunk fillsTheBudget = take(buffers);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread waiting = new Thread(() -> {
            try {
                buffers.take();
            }
            catch (Throwable ex) {
                failure.set(ex);
            }
        });
        waiting.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> waiting.getState() == Thread.State.WAITING);
        assertThat(buffers.inFlight()).isEqualTo(2);

        waiting.interrupt();
        waiting.join(5000);

        assertThat(failure.get()).isInstanceOf(InterruptedException.class);
        assertThat(buffers.inFlight()).isEqualTo(1);
        fillsTheBudget.close();
        assertThat(buffers.inFlight()).isZero();
        assertThat(small.inUseBytes()).isZero();
    }

    private static UploadBuffers.Chunk take(UploadBuffers buffers) {
        try {
            return buffers.take();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static MemoryBudget budget(String size) {
        StorageProperties properties = new Binder(new MapConfigurationPropertySource(
                Map.of("smartlink.storage.memory-budget", size)))
                .bindOrCreate("smartlink.storage", StorageProperties.class);
        return new MemoryBudget(properties);
    }
}
