package com.smartlinkauto.storageclient;

import java.io.Closeable;
import java.io.InputStream;

import org.jspecify.annotations.Nullable;

/**
 * An open download: the controller's status and headers, and the body as a stream read straight from
 * the connection. Close it (also when the body is not read to the end) to release the connection.
 */
public interface StorageDownload extends Closeable {

    /** 200, or 206 for a range. */
    int status();

    String contentType();

    /** Bytes in {@link #body()} (the range's length for a 206). */
    long contentLength();

    /** {@code "<sha256>"} of the whole file. */
    @Nullable String etag();

    /** {@code bytes a-b/size} for a 206. */
    @Nullable String contentRange();

    InputStream body();
}
