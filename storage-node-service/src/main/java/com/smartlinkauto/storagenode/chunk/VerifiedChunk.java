package com.smartlinkauto.storagenode.chunk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * An open chunk file whose bytes were just hashed and found to match the id. The same open file
 * (same inode) is then sent, so a concurrent delete, quarantine or re-write cannot change what
 * goes out; the second pass reads from the page cache the first pass filled.
 */
public final class VerifiedChunk implements AutoCloseable {

    private final ChunkId id;
    private final FileChannel channel;
    private final long size;

    VerifiedChunk(ChunkId id, FileChannel channel, long size) {
        this.id = id;
        this.channel = channel;
        this.size = size;
    }

    public ChunkId id() {
        return id;
    }

    public long size() {
        return size;
    }

    /**
     * Sends {@code length} bytes from {@code start} through {@code buffer}, stopping early when the sink
     * stops accepting. Sink failures are thrown as they are; disk read failures as {@link UncheckedIOException}.
     *
     * @return bytes sent
     */
    public long sendTo(ByteSink sink, long start, long length, byte[] buffer) throws IOException {
        long position = start;
        long end = start + length;
        while (position < end && sink.accepting()) {
            int want = (int) Math.min(buffer.length, end - position);
            ByteBuffer target = ByteBuffer.wrap(buffer, 0, want);
            int n;
            try {
                n = channel.read(target, position);
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Cannot read chunk " + id, ex);
            }
            if (n < 0) {
                throw new UncheckedIOException(new java.io.EOFException("Chunk " + id + " shrank while being sent"));
            }
            sink.write(buffer, 0, n);
            position += n;
        }
        return position - start;
    }

    @Override
    public void close() {
        try {
            channel.close();
        }
        catch (IOException ex) {
            // read-only channel: nothing to lose
        }
    }
}
