package com.smartlinkauto.storage.stats;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The network's figures: nodes, bytes, utilisation, transfers, chunk health. The same answer at
 * {@value #INTERNAL_PATH} for user-service's admin overview (its service token only: config.SecurityConfiguration),
 * which cannot present an admin's token: it composes the overview for whichever admin asks and caches it.
 */
@RestController
@Tag(name = "stats")
class StatsController {

    static final String PATH = "/api/storage/stats";
    static final String INTERNAL_PATH = "/internal/storage/stats";

    private final StatsService stats;

    StatsController(StatsService stats) {
        this.stats = stats;
    }

    @GetMapping({ PATH, INTERNAL_PATH })
    @Operation(summary = "Nodes by state, files, chunks and copies, logical and stored bytes, storage and bandwidth "
            + "utilisation, active transfers, under-replicated and unavailable chunks, average replication",
            description = "One consistent snapshot (repeatable read). storedBytes = Σ chunk size × stored copies on "
                    + "nodes that are not dead; used/capacity and rates come from the LIVE nodes' last heartbeats. "
                    + "/api/storage/stats: admins; /internal/storage/stats: user-service's service token only.")
    NetworkStats stats() {
        return stats.stats();
    }
}
