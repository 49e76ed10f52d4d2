package com.smartlinkauto.storage.file;

import java.io.IOException;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.storage.config.StorageProblems;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Files for admins: upload (streamed into chunks), download (streamed back, with ranges), manifest, delete.
 * The owner of an upload is the admin's user id. Services upload through {@link InternalFileController};
 * download, manifest and delete answer on both paths (the security rules tell them apart).
 */
@RestController
@Validated
@Tag(name = "files")
class FileController {

    static final String PATH = "/api/storage/files";

    private final FileHttp http;
    private final FileService files;

    FileController(FileHttp http, FileService files) {
        this.http = http;
        this.files = files;
    }

    @PostMapping(PATH)
    @Operation(summary = "Upload a file: the raw body (its Content-Type is kept) or multipart/form-data with a `file` part",
            description = "Streams: the file is cut into chunks and written to the nodes while it arrives. "
                    + "201 with the manifest; `warnings` when fewer nodes than the replication are live.")
    ResponseEntity<Manifest> upload(HttpServletRequest request,
            @Parameter(description = "copies per chunk, 1–5 (default 3, or the number of live nodes if fewer)")
            @RequestParam(required = false) Integer replication,
            @Parameter(description = "bytes per chunk, 64 KiB–64 MiB, e.g. 4194304 or 4MB (default 4 MiB); at most 32 characters")
            @RequestParam(required = false) String chunkSize,
            @Parameter(description = "file name to keep with the file: at most 255 characters, no control characters")
            @RequestParam(required = false) String name,
            @AuthenticationPrincipal Jwt caller) throws IOException {
        String owner = caller == null ? null : caller.getSubject();
        return http.upload(request, replication, chunkSize, name, owner, PATH);
    }

    /**
     * Under {@code /internal/storage/files} a service reaches only the files it stored (vehicle-service cannot
     * read partners' documents): another service's file is a 404, as if it did not exist. Admins on
     * {@code /api/storage/files} reach every file.
     */
    private void ownedByTheCallingService(UUID fileId, HttpServletRequest request, Jwt caller) {
        if (request.getRequestURI().startsWith(InternalFileController.PATH)
                && (caller == null || !caller.getSubject().equals(files.require(fileId).ownerId()))) {
            throw StorageProblems.fileNotFound(fileId);
        }
    }

    @GetMapping(PATH)
    @Operation(summary = "Files, newest first")
    FileService.FilePage list(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return files.list(page, size);
    }

    @GetMapping({ PATH + "/{fileId}/manifest", InternalFileController.PATH + "/{fileId}/manifest" })
    @Operation(summary = "The file's chunks and, per chunk, the nodes holding it and every copy's transfer status")
    Manifest manifest(@PathVariable UUID fileId, HttpServletRequest request, @AuthenticationPrincipal Jwt caller) {
        ownedByTheCallingService(fileId, request, caller);
        return http.manifest(fileId);
    }

    @RequestMapping(path = { PATH + "/{fileId}", InternalFileController.PATH + "/{fileId}" },
            method = { RequestMethod.GET, RequestMethod.HEAD })
    @Operation(summary = "Download the file (one `Range: bytes=` range is answered 206)")
    void download(@PathVariable UUID fileId, HttpServletRequest request, HttpServletResponse response,
            @AuthenticationPrincipal Jwt caller) throws IOException {
        ownedByTheCallingService(fileId, request, caller);
        http.download(fileId, request, response);
    }

    @DeleteMapping({ PATH + "/{fileId}", InternalFileController.PATH + "/{fileId}" })
    @Operation(summary = "Delete the file; chunks no other file uses are removed from the nodes")
    ResponseEntity<Void> delete(@PathVariable UUID fileId, HttpServletRequest request,
            @AuthenticationPrincipal Jwt caller) {
        ownedByTheCallingService(fileId, request, caller);
        http.delete(fileId);
        return ResponseEntity.noContent().build();
    }
}
