package com.smartlinkauto.storagenode.status;

import java.util.List;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.storagenode.chunk.ChunkEntry;
import com.smartlinkauto.storagenode.chunk.ChunkStore;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

@RestController
@RequestMapping("/node")
@Validated
@Tag(name = "node")
class NodeController {

    private final NodeStatusService status;
    private final ChunkStore store;

    NodeController(NodeStatusService status, ChunkStore store) {
        this.status = status;
        this.store = store;
    }

    @GetMapping("/info")
    @Operation(summary = "Identity, declared capacity and current usage of this node")
    NodeStatus info() {
        return status.snapshot();
    }

    @GetMapping("/chunks")
    @Operation(summary = "The chunks this node holds, in id order, cursor-paged (after = last id of the previous page)")
    ChunkPage chunks(@RequestParam(required = false) @Pattern(regexp = "[0-9a-f]{64}") String after,
            @RequestParam(defaultValue = "1000") @Min(1) @Max(10_000) int limit) {
        List<ChunkEntry> items = store.list(after, limit);
        String next = items.size() == limit ? items.get(items.size() - 1).id() : null;
        return new ChunkPage(items, next, store.chunkCount());
    }
}
