package com.smartlinkauto.storagenode.pipeline;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.storagenode.NodeProperties;
import com.smartlinkauto.storagenode.chunk.ChunkId;
import com.smartlinkauto.storagenode.node.AdvertisedUrl;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/** {@code PUT /chunks/{sha256}}: store a chunk here and, optionally, along a pipeline of further nodes. */
@RestController
@Tag(name = "chunks")
class PutChunkController {

    private final PipelineReceiver receiver;
    private final AdvertisedUrl self;
    private final RegisteredNodes registered;
    private final int maxTargets;

    PutChunkController(PipelineReceiver receiver, AdvertisedUrl self, RegisteredNodes registered,
            NodeProperties properties) {
        this.receiver = receiver;
        this.self = self;
        this.registered = registered;
        this.maxTargets = properties.transfer().maxPipelineTargets();
    }

    @PutMapping("/chunks/{id}")
    @Operation(summary = "Store a chunk (and replicate it along a pipeline)",
            description = "The body is the chunk's raw bytes; its SHA-256 must equal the id (400 otherwise, nothing "
                    + "kept). 201 stored now, 200 already held. X-Replicate-To lists further nodes: this node "
                    + "forwards the bytes to the first while receiving them, with the rest of the list, and answers "
                    + "once its copy and the downstream copies are done, listing every hop's outcome. Targets must "
                    + "be storage nodes the controller has registered (403 unregistered-node otherwise).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = "application/octet-stream",
                            schema = @Schema(type = "string", format = "binary"))))
    ResponseEntity<PipelineResult> put(@PathVariable String id,
            @Parameter(description = "further nodes, comma-separated base URLs: http://10.0.0.8:9101,http://10.0.0.9:9101")
            @RequestHeader(name = NodeUrls.REPLICATE_TO, required = false) String replicateTo,
            @Parameter(description = "true: verify and forward, do not store (a relay hop of a push)")
            @RequestHeader(name = NodeUrls.RELAY_ONLY, required = false) String relayOnly,
            HttpServletRequest request) throws IOException {
        ChunkId chunkId = ChunkId.parse(id);
        List<URI> targets = NodeUrls.targets(replicateTo, self.get(), maxTargets);
        boolean relay = "true".equalsIgnoreCase(relayOnly);
        if (relay && targets.isEmpty()) {
            throw NodeUrls.invalidTargets("is required with " + NodeUrls.RELAY_ONLY + ": a relay needs a next node");
        }
        registered.requireRegistered(targets);
        PipelineResult result = receiver.receive(chunkId, request.getInputStream(), request.getContentLengthLong(),
                targets, relay);
        if (result.replicas().get(0).status() == ReplicaReport.Status.CREATED) {
            return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/chunks/" + chunkId.value()))
                    .body(result);
        }
        return ResponseEntity.ok(result);
    }
}
