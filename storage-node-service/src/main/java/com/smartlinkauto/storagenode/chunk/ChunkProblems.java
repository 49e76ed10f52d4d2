package com.smartlinkauto.storagenode.chunk;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;

/** The node's problem types ({@code https://smartlinkauto.com/problems/<slug>}); never rename one. */
public final class ChunkProblems {

    public static final URI INVALID_CHUNK_ID = ProblemTypes.of("invalid-chunk-id");
    public static final URI CHECKSUM_MISMATCH = ProblemTypes.of("chunk-checksum-mismatch");
    public static final URI NOT_FOUND = ProblemTypes.of("chunk-not-found");
    public static final URI CORRUPTED = ProblemTypes.of("chunk-corrupted");
    public static final URI TOO_LARGE = ProblemTypes.of("chunk-too-large");
    public static final URI INSUFFICIENT_STORAGE = ProblemTypes.of("insufficient-storage");
    public static final URI INCOMPLETE_BODY = ProblemTypes.of("incomplete-body");
    public static final URI RANGE_NOT_SATISFIABLE = ProblemTypes.of("range-not-satisfiable");

    private ChunkProblems() {
    }

    static ApiException invalidId() {
        return new ApiException(HttpStatus.BAD_REQUEST, INVALID_CHUNK_ID,
                "A chunk id is the SHA-256 of its bytes: 64 lowercase hex digits.");
    }

    static ApiException checksumMismatch(ChunkId expected, ChunkId computed) {
        return new ApiException(HttpStatus.BAD_REQUEST, CHECKSUM_MISMATCH,
                "The SHA-256 of the body does not match the chunk id; nothing was stored.",
                Map.of("chunkId", expected.value(), "computedSha256", computed.value()));
    }

    static ApiException notFound(ChunkId id) {
        return new ApiException(HttpStatus.NOT_FOUND, NOT_FOUND, "This node holds no chunk " + id + ".",
                Map.of("chunkId", id.value()));
    }

    static ApiException corrupted(ChunkId id) {
        return new ApiException(HttpStatus.CONFLICT, CORRUPTED, "The stored copy of chunk " + id
                + " no longer matches its SHA-256; it was quarantined and reported. Read another replica.",
                Map.of("chunkId", id.value()));
    }

    static ApiException tooLarge(long maxBytes) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, TOO_LARGE,
                "A chunk may hold at most " + maxBytes + " bytes.", Map.of("maxChunkBytes", maxBytes));
    }

    static ApiException insufficientStorage(long needed, long free) {
        return new ApiException(HttpStatus.INSUFFICIENT_STORAGE, INSUFFICIENT_STORAGE,
                "This node has no room for the chunk.", Map.of("neededBytes", needed, "freeBytes", free));
    }

    public static ApiException incompleteBody() {
        return new ApiException(HttpStatus.BAD_REQUEST, INCOMPLETE_BODY,
                "The request body ended before it was complete; nothing was stored.");
    }

    static ApiException deletedWhileWriting(ChunkId id) {
        return ApiException.conflict("Chunk " + id + " was deleted while the same bytes were being written; retry.");
    }
}
