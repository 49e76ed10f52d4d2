package com.smartlinkauto.storage.file;

import java.io.IOException;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.storage.config.StorageProblems;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The file API for other services (vehicle photos, partner documents), through {@code libs/storage-client}:
 * the same upload as {@code /api/storage/files}, with a service token for storage-controller-service instead of
 * an admin's (download, manifest and delete under this path are {@link FileController}'s). {@code /internal/**}
 * is not routed by the gateway; the calling service enforces its own users' rules before it calls here. The file's
 * owner is the calling service (its token's subject); under this path each service sees only its own files.
 */
@RestController
@RequestMapping(InternalFileController.PATH)
@Tag(name = "internal: files")
class InternalFileController {

    static final String PATH = "/internal/storage/files";

    static final String OWNER_HEADER = "X-Storage-Owner";

    private final FileHttp http;

    InternalFileController(FileHttp http) {
        this.http = http;
    }

    @PostMapping
    @Operation(summary = "Upload a file for a service: the raw body (its Content-Type is kept) or multipart/form-data "
            + "with a `file` part; 201 with the manifest")
    ResponseEntity<Manifest> upload(HttpServletRequest request,
            @Parameter(description = "copies per chunk, 1–5 (default 3, or the number of live nodes if fewer)")
            @RequestParam(required = false) Integer replication,
            @Parameter(description = "bytes per chunk, 64 KiB–64 MiB (default 4 MiB)")
            @RequestParam(required = false) String chunkSize,
            @Parameter(description = "file name to keep with the file") @RequestParam(required = false) String name,
            @Parameter(description = "ignored: the owner is the calling service (its service token); a malformed "
                    + "value is still a 400") @RequestHeader(name = OWNER_HEADER, required = false) String owner,
            @AuthenticationPrincipal Jwt caller) throws IOException {
        owner(owner);
        return http.upload(request, replication, chunkSize, name, caller.getSubject(), PATH);
    }

    /** A short printable label (at most 100 characters), or none. */
    static String owner(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String owner = value.strip();
        if (owner.length() > 100 || !owner.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw StorageProblems.invalidUpload(OWNER_HEADER + " must be at most 100 printable ASCII characters "
                    + "without spaces.");
        }
        return owner;
    }
}
