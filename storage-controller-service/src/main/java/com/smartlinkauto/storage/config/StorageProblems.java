package com.smartlinkauto.storage.config;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;

/** The controller's problem types ({@code https://smartlinkauto.com/problems/<slug>}); never rename one. */
public final class StorageProblems {

    public static final URI FILE_NOT_FOUND = ProblemTypes.of("file-not-found");
    public static final URI FILE_NOT_READY = ProblemTypes.of("file-not-ready");
    public static final URI NODE_NOT_FOUND = ProblemTypes.of("node-not-found");
    public static final URI NO_LIVE_NODES = ProblemTypes.of("no-live-storage-nodes");
    public static final URI STORAGE_WRITE_FAILED = ProblemTypes.of("storage-write-failed");
    public static final URI CHUNK_UNAVAILABLE = ProblemTypes.of("chunk-unavailable");
    public static final URI INVALID_UPLOAD = ProblemTypes.of("invalid-upload");
    public static final URI FILE_TOO_LARGE = ProblemTypes.of("file-too-large");
    public static final URI RANGE_NOT_SATISFIABLE = ProblemTypes.of("range-not-satisfiable");
    public static final URI NO_ROUTE = ProblemTypes.of("no-route");
    public static final URI ILLEGAL_NODE_STATE = ProblemTypes.of("illegal-node-state");

    private StorageProblems() {
    }

    public static ApiException fileNotFound(Object fileId) {
        return new ApiException(HttpStatus.NOT_FOUND, FILE_NOT_FOUND, "No file " + fileId + ".",
                Map.of("fileId", String.valueOf(fileId)));
    }

    public static ApiException nodeNotFound(String nodeId) {
        return new ApiException(HttpStatus.NOT_FOUND, NODE_NOT_FOUND, "No storage node " + nodeId + ".",
                Map.of("nodeId", nodeId));
    }

    public static ApiException invalidUpload(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, INVALID_UPLOAD, detail);
    }

    public static ApiException noLiveNodes() {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, NO_LIVE_NODES,
                "No live storage node can take the data now; nothing was stored.");
    }
}
