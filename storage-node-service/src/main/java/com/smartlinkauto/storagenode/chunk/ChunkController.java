package com.smartlinkauto.storagenode.chunk;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ServletProblems;
import com.smartlinkauto.storagenode.node.NodeIdentity;
import com.smartlinkauto.storagenode.throttle.NodeBandwidth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Reading and deleting chunks. Writing ({@code PUT}) is the pipeline's. */
@RestController
@RequestMapping("/chunks")
@Tag(name = "chunks")
class ChunkController {

    private static final Logger log = LoggerFactory.getLogger(ChunkController.class);

    private final ChunkStore store;
    private final NodeBandwidth bandwidth;
    private final ChunkMetrics metrics;
    private final NodeIdentity identity;

    ChunkController(ChunkStore store, NodeBandwidth bandwidth, ChunkMetrics metrics, NodeIdentity identity) {
        this.store = store;
        this.bandwidth = bandwidth;
        this.metrics = metrics;
        this.identity = identity;
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a chunk", description = "The whole chunk is hashed before the first byte is sent; "
            + "a copy that no longer matches its id is quarantined and answered with 409 chunk-corrupted. "
            + "A single byte range (Range: bytes=a-b) is served as 206.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/octet-stream",
            schema = @Schema(type = "string", format = "binary")))
    void get(@PathVariable String id, @RequestHeader(value = HttpHeaders.RANGE, required = false) String range,
            HttpServletResponse response) {
        ChunkId chunkId = ChunkId.parse(id);
        long started = System.nanoTime();
        String outcome = "served";
        try (NodeBandwidth.Transfer transfer = bandwidth.begin(); VerifiedChunk chunk = store.openVerified(chunkId)) {
            long size = chunk.size();
            long start = 0;
            long length = size;
            HttpRange requested = singleRange(range);
            if (requested != null) {
                if (!satisfiable(requested, size)) {
                    throw new RangeNotSatisfiable(size);
                }
                start = requested.getRangeStart(size);
                length = requested.getRangeEnd(size) - start + 1;
                response.setStatus(HttpStatus.PARTIAL_CONTENT.value());
                response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes " + start + "-" + (start + length - 1) + "/" + size);
            }
            else {
                response.setStatus(HttpStatus.OK.value());
            }
            response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
            response.setContentLengthLong(length);
            response.setHeader(HttpHeaders.ETAG, "\"" + chunkId.value() + "\"");
            response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
            response.setHeader("X-Storage-Node", identity.id());
            NodeBandwidth.Direction link = bandwidth.out();
            try {
                OutputStream out = response.getOutputStream();
                chunk.sendTo((buffer, offset, n) -> {
                    link.transfer(n);
                    out.write(buffer, offset, n);
                }, start, length, new byte[store.bufferBytes()]);
                out.flush();
            }
            catch (IOException ex) {
                outcome = "aborted"; // the client went away; the response is committed, nothing to answer
                log.debug("GET chunk {} aborted by the client: {}", chunkId, ex.getMessage());
            }
            catch (UncheckedIOException ex) {
                outcome = "aborted"; // disk error after the headers: the short body tells the client
                log.warn("GET chunk {} failed while sending: {}", chunkId, ex.getMessage());
            }
        }
        catch (RuntimeException ex) {
            outcome = outcomeOf(ex);
            throw ex;
        }
        finally {
            metrics.read(outcome, System.nanoTime() - started);
        }
    }

    private static String outcomeOf(RuntimeException ex) {
        if (ex instanceof ApiException api) {
            if (ChunkProblems.CORRUPTED.equals(api.type())) {
                return "corrupted";
            }
            if (ChunkProblems.NOT_FOUND.equals(api.type())) {
                return "not-found";
            }
        }
        return ex instanceof RangeNotSatisfiable ? "range-not-satisfiable" : "failed";
    }

    /** One well-formed range, else null: a malformed or multi-range header is ignored (whole chunk, 200). */
    private static HttpRange singleRange(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            List<HttpRange> ranges = HttpRange.parseRanges(header);
            return ranges.size() == 1 ? ranges.get(0) : null;
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private static boolean satisfiable(HttpRange range, long size) {
        try {
            long start = range.getRangeStart(size);
            return size > 0 && start < size && range.getRangeEnd(size) >= start;
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }

    @RequestMapping(path = "/{id}", method = RequestMethod.HEAD)
    @Operation(summary = "Whether this node holds a chunk, and its size (Content-Length); not verified")
    ResponseEntity<Void> head(@PathVariable String id) {
        ChunkId chunkId = ChunkId.parse(id);
        OptionalLong size = store.sizeOf(chunkId);
        if (size.isEmpty()) {
            throw ChunkProblems.notFound(chunkId);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).contentLength(size.getAsLong())
                .eTag("\"" + chunkId.value() + "\"").header(HttpHeaders.ACCEPT_RANGES, "bytes")
                .header("X-Storage-Node", identity.id()).build();
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a chunk (204; 404 when this node does not hold it)")
    ResponseEntity<Void> delete(@PathVariable String id) {
        ChunkId chunkId = ChunkId.parse(id);
        if (!store.delete(chunkId)) {
            throw ChunkProblems.notFound(chunkId);
        }
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(RangeNotSatisfiable.class)
    ResponseEntity<ProblemDetail> rangeNotSatisfiable(RangeNotSatisfiable ex, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                .header(HttpHeaders.CONTENT_RANGE, "bytes */" + ex.size)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ServletProblems.problem(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                        ChunkProblems.RANGE_NOT_SATISFIABLE, "The range lies outside the chunk's " + ex.size + " bytes.",
                        request));
    }

    static final class RangeNotSatisfiable extends RuntimeException {

        final long size;

        RangeNotSatisfiable(long size) {
            super("range not satisfiable", null, false, false);
            this.size = size;
        }
    }
}
