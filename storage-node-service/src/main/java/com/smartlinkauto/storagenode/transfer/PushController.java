package com.smartlinkauto.storagenode.transfer;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.storagenode.chunk.ChunkId;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@Tag(name = "transfers")
class PushController {

    private final PushService pushes;

    PushController(PushService pushes) {
        this.pushes = pushes;
    }

    @PostMapping("/chunks/{id}/push")
    @Operation(summary = "Copy a chunk this node holds to another node, directly or through a relay",
            description = "200 with bytes, duration and route once the target holds the chunk; 404 when this node "
                    + "does not hold it; 409 chunk-corrupted when its copy is bad; 502 push-failed when a hop failed; "
                    + "403 unregistered-node when target or via is not a storage node the controller registered.")
    PushResult push(@PathVariable String id, @Valid @RequestBody PushRequest request) {
        return pushes.push(ChunkId.parse(id), request);
    }
}
