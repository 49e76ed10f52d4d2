package com.smartlinkauto.storage.transfer;

import java.util.UUID;

import com.smartlinkauto.storage.node.StorageNode;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** {@code POST /api/storage/transfers}: move (default) or copy a file's chunks from one node to another. */
record TransferRequest(
        @NotNull UUID fileId,
        @Schema(example = "node-1") @NotBlank @Pattern(regexp = StorageNode.ID_PATTERN, message = StorageNode.ID_MESSAGE)
        String sourceNodeId,
        @Schema(example = "node-3") @NotBlank @Pattern(regexp = StorageNode.ID_PATTERN, message = StorageNode.ID_MESSAGE)
        String targetNodeId,
        @Schema(description = "MOVE (default): the source's copies are removed once the target has them; "
                + "COPY: the source keeps them") TransferMode mode) {

    TransferMode modeOrDefault() {
        return mode == null ? TransferMode.MOVE : mode;
    }
}
