package com.smartlinkauto.storage.transfer;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Node-to-node transfers of a file's chunks. */
@RestController
@RequestMapping("/api/storage/transfers")
@Validated
@Tag(name = "transfers")
class TransferController {

    private final TransferService transfers;

    TransferController(TransferService transfers) {
        this.transfers = transfers;
    }

    @PostMapping
    @Operation(summary = "Move (default) or copy the chunks of a file that a node holds to another node",
            description = "The source node pushes each chunk it holds straight to the target, through one relay "
                    + "node when the direct link is missing or slower (widest path on the topology). 202 with the "
                    + "transfer; follow it at the Location. MOVE removes the source's copy of each chunk once the "
                    + "target has it, so replication stays the same; COPY keeps it (the replication monitor later "
                    + "trims copies above a chunk's replication, from the fullest nodes). Chunks the target "
                    + "already holds are COMPLETED at once with 0 bytes.")
    ResponseEntity<TransferView> create(@Valid @RequestBody TransferRequest request) {
        TransferView transfer = transfers.create(request);
        return ResponseEntity.accepted().location(URI.create("/api/storage/transfers/" + transfer.transferId()))
                .body(transfer);
    }

    @GetMapping("/{transferId}")
    @Operation(summary = "A transfer with every chunk's status, attempts, bytes, the route the node reported and its duration")
    TransferView transfer(@PathVariable UUID transferId) {
        return transfers.get(transferId);
    }

    @GetMapping
    @Operation(summary = "Transfers, newest first (without their chunks)")
    TransferPage list(@Parameter(description = "only transfers in this status") @RequestParam(required = false) TransferStatus status,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return transfers.list(status, page, size);
    }
}
