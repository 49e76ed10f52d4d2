package com.smartlinkauto.storage.transfer;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;
import com.smartlinkauto.storage.config.StorageProblems;
import com.smartlinkauto.storage.file.FileStore;
import com.smartlinkauto.storage.node.StorageNode;

/** What a transfer needs before it starts, and which chunks it moves: plain rules, no database. */
final class TransferRules {

    static final URI NOTHING_TO_TRANSFER = ProblemTypes.of("nothing-to-transfer");
    static final URI TRANSFERS_BUSY = ProblemTypes.of("transfers-busy");

    private TransferRules() {
    }

    /** One chunk of the file the transfer takes: {@code held} when the target already has a stored copy. */
    record Planned(int index, String chunkId, int size, boolean held) {
    }

    static void requireDistinct(String sourceNodeId, String targetNodeId) {
        if (sourceNodeId.equals(targetNodeId)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION,
                    "A transfer goes between two different nodes.",
                    Map.of("errors", List.of(Map.of("field", "targetNodeId", "message", "must differ from sourceNodeId"))));
        }
    }

    static void requireAvailable(FileStore.FileRow file) {
        if (!"AVAILABLE".equals(file.status())) {
            throw new ApiException(HttpStatus.CONFLICT, StorageProblems.FILE_NOT_READY,
                    "The file is " + file.status() + ": only a stored file can be transferred.",
                    Map.of("fileId", file.fileId().toString(), "status", file.status()));
        }
    }

    /** The source must be LIVE (it sends); any admin state, so a node being drained can be emptied by hand. */
    static void requireSource(StorageNode node) {
        if (node.state() != StorageNode.State.LIVE) {
            throw illegalState(node, "source", "it must be LIVE to send");
        }
    }

    /** The target must be LIVE and ACTIVE: a node being drained or drained takes no new copies. */
    static void requireTarget(StorageNode node) {
        if (node.state() != StorageNode.State.LIVE) {
            throw illegalState(node, "target", "it must be LIVE to receive");
        }
        if (node.adminState() != StorageNode.AdminState.ACTIVE) {
            throw illegalState(node, "target", "a " + node.adminState() + " node takes no new copies");
        }
    }

    private static ApiException illegalState(StorageNode node, String role, String why) {
        return new ApiException(HttpStatus.CONFLICT, StorageProblems.ILLEGAL_NODE_STATE,
                "The " + role + " node " + node.nodeId() + " is " + node.state() + "/" + node.adminState() + ": " + why
                        + ".",
                Map.of("nodeId", node.nodeId(), "role", role, "state", node.state().name(), "adminState",
                        node.adminState().name()));
    }

    /**
     * The chunks the transfer takes: those of which the source holds a stored (COMPLETED) copy, in file
     * order; 409 when there is none.
     */
    static List<Planned> select(FileStore.FileRow file, List<FileStore.FileChunk> chunks, String sourceNodeId,
            String targetNodeId) {
        List<Planned> planned = new ArrayList<>();
        for (FileStore.FileChunk chunk : chunks) {
            if ("COMPLETED".equals(chunk.replicas().get(sourceNodeId))) {
                planned.add(new Planned(chunk.index(), chunk.chunkId(), chunk.size(),
                        "COMPLETED".equals(chunk.replicas().get(targetNodeId))));
            }
        }
        if (planned.isEmpty()) {
            throw new ApiException(HttpStatus.CONFLICT, NOTHING_TO_TRANSFER,
                    "Node " + sourceNodeId + " holds no stored chunk of file " + file.fileId() + ".",
                    Map.of("fileId", file.fileId().toString(), "sourceNodeId", sourceNodeId));
        }
        return planned;
    }
}
