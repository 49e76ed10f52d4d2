package com.smartlinkauto.storageclient;

import java.io.InputStream;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Stores files in the storage network through the controller's internal file API
 * ({@code /internal/storage/files}), for services that keep user files (vehicle photos, partner
 * documents). Bytes are streamed both ways, never held in memory as a whole.
 * <p>
 * Errors: {@link StorageUnavailableException} (503) when the controller cannot be reached, times out,
 * answers 5xx or the {@code storage} circuit breaker is open; {@link StoredFileNotFoundException} (404)
 * when a file to open does not exist; any other 4xx answer of the controller as an
 * {@link com.smartlinkauto.servicedefaults.problem.ApiException} with the same status and the
 * controller's detail.
 */
public interface StorageClient {

    /**
     * Streams {@code length} bytes of {@code content} to the storage network; returns when every chunk is
     * stored. Reads exactly {@code length} bytes and does not close {@code content}.
     *
     * @param contentType the media type kept with the file (served back on download)
     * @param name        a file name kept with the file (optional)
     */
    StoredFile store(InputStream content, long length, String contentType, String name);

    /** Opens a download (optionally one {@code Range: bytes=...} header value); the caller closes it. */
    StorageDownload open(UUID fileId, @Nullable String range);

    /** Deletes the file; a file that is already gone counts as deleted. */
    void delete(UUID fileId);
}
