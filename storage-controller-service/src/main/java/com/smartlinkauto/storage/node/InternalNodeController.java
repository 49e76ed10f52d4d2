package com.smartlinkauto.storage.node;

import java.util.Map;

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

/** Where storage nodes report in: heartbeats every 2 s and full chunk reports. Internal network only. */
@RestController
@RequestMapping("/internal/storage/nodes/{nodeId}")
@Validated
@Tag(name = "internal: node reports")
class InternalNodeController {

    private final NodeReports reports;

    InternalNodeController(NodeReports reports) {
        this.reports = reports;
    }

    @PostMapping("/heartbeat")
    @Operation(summary = "A node's heartbeat; answers {\"requestFullReport\": true} when the controller needs its chunk list")
    Map<String, Object> heartbeat(@PathVariable String nodeId, @Valid @RequestBody Heartbeat heartbeat) {
        sameNode(nodeId, heartbeat.nodeId());
        return Map.of("requestFullReport", reports.heartbeat(heartbeat));
    }

    @PutMapping("/chunks")
    @Operation(summary = "A node's full chunk report (authoritative: a chunk not listed is not on the node)")
    Map<String, Object> report(@PathVariable String nodeId, @Valid @RequestBody ChunkReport report) {
        sameNode(nodeId, report.nodeId());
        return reports.fullReport(report).asMap();
    }

    private static void sameNode(String path, String body) {
        if (!path.equals(body)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION,
                    "The node id in the path (" + path + ") differs from the body's (" + body + ").");
        }
    }
}
