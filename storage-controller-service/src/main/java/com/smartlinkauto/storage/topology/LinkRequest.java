package com.smartlinkauto.storage.topology;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;
import com.smartlinkauto.storage.node.StorageNode;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** {@code POST /api/storage/links}: an undirected link; the order of the two nodes does not matter. */
record LinkRequest(
        @Schema(example = "node-1") @NotBlank @Pattern(regexp = StorageNode.ID_PATTERN, message = StorageNode.ID_MESSAGE)
        String nodeA,
        @Schema(example = "node-2") @NotBlank @Pattern(regexp = StorageNode.ID_PATTERN, message = StorageNode.ID_MESSAGE)
        String nodeB,
        @Schema(example = "1000", minimum = "1", maximum = "1000000") @NotNull @Min(1) @Max(1_000_000) Integer bandwidthMbps) {

    /** The ends, normalised; 400 when both name the same node. */
    Link.Ends ends() {
        return ends(nodeA, nodeB);
    }

    static Link.Ends ends(String nodeA, String nodeB) {
        if (nodeA.equals(nodeB)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION,
                    "A link connects two different nodes.",
                    Map.of("errors", List.of(Map.of("field", "nodeB", "message", "must differ from nodeA"))));
        }
        return Link.Ends.of(nodeA, nodeB);
    }
}
