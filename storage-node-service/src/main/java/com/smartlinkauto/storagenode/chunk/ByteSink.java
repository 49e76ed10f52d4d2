package com.smartlinkauto.storagenode.chunk;

import java.io.IOException;

/** Where a chunk's bytes go when it is sent: an HTTP response, a downstream node. */
@FunctionalInterface
public interface ByteSink {

    void write(byte[] buffer, int offset, int length) throws IOException;

    /** False once the sink cannot take more (a failed downstream): the sender stops early. */
    default boolean accepting() {
        return true;
    }
}
