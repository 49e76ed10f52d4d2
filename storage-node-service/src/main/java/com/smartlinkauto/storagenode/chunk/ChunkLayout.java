package com.smartlinkauto.storagenode.chunk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * Where chunk files live: {@code chunks/ab/cd/<id>} for id {@code abcd…}. Two levels of 256
 * directories keep every directory small (a million chunks → ~15 per leaf directory) so lookups and
 * listings stay fast on every filesystem. Temp files live in {@code tmp/} on the same filesystem
 * so the final rename is atomic.
 */
public final class ChunkLayout {

    private final Path chunks;
    private final Path tmp;
    private final Path quarantine;

    public ChunkLayout(Path chunks, Path tmp, Path quarantine) {
        this.chunks = chunks;
        this.tmp = tmp;
        this.quarantine = quarantine;
    }

    /** {@code ab/cd/abcd…} */
    public static String relativePath(ChunkId id) {
        String v = id.value();
        return v.substring(0, 2) + "/" + v.substring(2, 4) + "/" + v;
    }

    public Path pathOf(ChunkId id) {
        String v = id.value();
        return chunks.resolve(v.substring(0, 2)).resolve(v.substring(2, 4)).resolve(v);
    }

    /** A fresh name for a chunk being received ({@code tmp/<id>.<random>.part}); concurrent writers never share one. */
    Path newTempFile(ChunkId id) {
        return tmp.resolve(id.value() + "." + UUID.randomUUID() + ".part");
    }

    /** {@code quarantine/<id>.<epoch millis>}: a chunk may be quarantined more than once over its life. */
    Path quarantinePath(ChunkId id, Instant when) {
        return quarantine.resolve(id.value() + "." + when.toEpochMilli());
    }

    public Path chunksRoot() {
        return chunks;
    }

    public Path quarantineRoot() {
        return quarantine;
    }

    /**
     * Every chunk file on disk with its size, for the index at start. Files that do not belong (bad
     * names, wrong fan-out directory) are passed to {@code stray}.
     */
    void scan(BiConsumer<ChunkId, Long> chunk, java.util.function.Consumer<Path> stray) throws IOException {
        try (Stream<Path> files = Files.walk(chunks, 3)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                String name = file.getFileName().toString();
                if (ChunkId.isValid(name) && pathOf(new ChunkId(name)).equals(file)) {
                    try {
                        chunk.accept(new ChunkId(name), Files.size(file));
                    }
                    catch (IOException ex) {
                        stray.accept(file); // vanished or unreadable between listing and stat
                    }
                }
                else {
                    stray.accept(file);
                }
            });
        }
    }
}
