package com.smartlinkauto.storage.stats;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The network's figures: nodes, bytes, utilisation, transfers, chunk health. */
@RestController
@RequestMapping("/api/storage/stats")
@Tag(name = "stats")
class StatsController {

    private final StatsService stats;

    StatsController(StatsService stats) {
        this.stats = stats;
    }

    @GetMapping
    @Operation(summary = "Nodes by state, files, chunks and copies, logical and stored bytes, storage and bandwidth "
            + "utilisation, active transfers, under-replicated and unavailable chunks, average replication",
            description = "One consistent snapshot (repeatable read). storedBytes = Σ chunk size × stored copies on "
                    + "nodes that are not dead; used/capacity and rates come from the LIVE nodes' last heartbeats.")
    NetworkStats stats() {
        return stats.stats();
    }
}
