package com.smartlinkauto.storage.node;

import java.util.List;
import java.util.Map;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.retry.support.RetryTemplate;

import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

/** Where storage nodes report in: heartbeats every 2 s and full chunk reports. Internal network only. */
@RestController
@RequestMapping("/internal/storage/nodes/{nodeId}")
@Validated
@Tag(name = "internal: node reports")
class InternalNodeController {

    private final NodeReports reports;

    /**
     * A report or heartbeat that lost a lock conflict (deadlock, a chunk deleted under it) is simply run
     * again: the node would otherwise resend it only after its retry interval.
     */
    private final RetryTemplate retry = RetryTemplate.builder()
            .maxAttempts(3)
            .exponentialBackoff(50, 2, 500)
            .retryOn(List.of(PessimisticLockingFailureException.class, DataIntegrityViolationException.class))
            .traversingCauses()
            .build();

    InternalNodeController(NodeReports reports) {
        this.reports = reports;
    }

    @PostMapping("/heartbeat")
    @Operation(summary = "A node's heartbeat; answers {\"requestFullReport\": true} when the controller needs its chunk list")
    Map<String, Object> heartbeat(@PathVariable @Pattern(regexp = StorageNode.ID_PATTERN) String nodeId,
            @Valid @RequestBody Heartbeat heartbeat) {
        sameNode(nodeId, heartbeat.nodeId());
        return Map.of("requestFullReport", retry.execute(context -> reports.heartbeat(heartbeat)));
    }

    @PutMapping("/chunks")
    @Operation(summary = "A node's full chunk report (authoritative: a chunk not listed is not on the node)")
    Map<String, Object> report(@PathVariable @Pattern(regexp = StorageNode.ID_PATTERN) String nodeId,
            @Valid @RequestBody ChunkReport report) {
        sameNode(nodeId, report.nodeId());
        return retry.execute(context -> reports.fullReport(report)).asMap();
    }

    private static void sameNode(String path, String body) {
        if (!path.equals(body)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION,
                    "The node id in the path (" + path + ") differs from the body's (" + body + ").");
        }
    }
}
