package com.smartlinkauto.user.partner.document;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.smartlinkauto.user.security.CurrentUser;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

@RestController
@Tag(name = "Partner documents")
class PartnerDocumentController {

    private final PartnerDocumentService documents;

    PartnerDocumentController(PartnerDocumentService documents) {
        this.documents = documents;
    }

    @PostMapping(path = "/api/partners/me/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload a verification document (multipart: `type` and `file`)",
            description = "PDF, JPEG, PNG or WebP, recognised by the file's first bytes (name and declared type "
                    + "are ignored), at most 10 MB; per partner at most 30 documents and 50 MB in all "
                    + "(smartlink.users.documents). 201 with the document and `Location`; 400 validation (type, "
                    + "missing or empty file), 400 malformed-request (multipart without a boundary), 413 too large, "
                    + "415 unsupported-document-format, 409 document-limit-reached (count) or quota-exceeded (total "
                    + "size), 503 storage-unavailable.",
            responses = @ApiResponse(responseCode = "201", description = "stored"))
    ResponseEntity<PartnerDocumentResponse> upload(@AuthenticationPrincipal Jwt jwt,
            @Parameter(description = "DRIVER_LICENCE, INSURANCE or OWNERSHIP", required = true)
            @RequestParam(name = "type", required = false) String type,
            @Parameter(description = "the document", required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
                            schema = @Schema(type = "string", format = "binary")))
            @RequestPart(name = "file", required = false) MultipartFile file) {
        UUID partnerId = CurrentUser.id(jwt);
        PartnerDocumentResponse document = documents.upload(partnerId, type, file);
        return ResponseEntity.created(URI.create("/api/partners/" + partnerId + "/documents/" + document.id()))
                .body(document);
    }

    @GetMapping("/api/partners/me/documents")
    @Operation(summary = "The caller's documents, newest first")
    PartnerDocumentResponse.Items mine(@AuthenticationPrincipal Jwt jwt) {
        UUID partnerId = CurrentUser.id(jwt);
        return documents.list(partnerId, new PartnerDocumentService.Caller(partnerId, false));
    }

    @GetMapping("/api/partners/{partnerId}/documents")
    @Operation(summary = "A partner's documents, newest first (that partner or an admin; anyone else gets 404)")
    PartnerDocumentResponse.Items list(@PathVariable UUID partnerId, Authentication authentication) {
        return documents.list(partnerId, caller(authentication));
    }

    @GetMapping("/api/partners/{partnerId}/documents/{documentId}")
    @Operation(summary = "The document's bytes (that partner or an admin; anyone else gets 404)",
            description = "Streamed from the storage network with the detected Content-Type, Content-Length, "
                    + "`Cache-Control: private, no-store` and an inline Content-Disposition with the original name.",
            responses = @ApiResponse(responseCode = "200", description = "the document",
                    content = { @Content(mediaType = "application/pdf"), @Content(mediaType = "image/jpeg"),
                            @Content(mediaType = "image/png"), @Content(mediaType = "image/webp") }))
    void download(@PathVariable UUID partnerId, @PathVariable UUID documentId, Authentication authentication,
            HttpServletResponse response) throws IOException {
        try (PartnerDocumentService.Download download = documents.open(partnerId, documentId, caller(authentication))) {
            PartnerDocumentResponse document = download.document();
            long length = download.file().contentLength() >= 0 ? download.file().contentLength() : document.size();
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(document.contentType());
            response.setContentLengthLong(length);
            response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                    .filename(document.originalName(), StandardCharsets.UTF_8).build().toString());
            OutputStream out = response.getOutputStream();
            download.file().body().transferTo(out);
            out.flush();
        }
    }

    @DeleteMapping("/api/partners/me/documents/{documentId}")
    @Operation(summary = "Delete one of the caller's documents (and its stored file)",
            responses = @ApiResponse(responseCode = "204", description = "deleted"))
    ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID documentId) {
        documents.delete(CurrentUser.id(jwt), documentId);
        return ResponseEntity.noContent().build();
    }

    private static PartnerDocumentService.Caller caller(Authentication authentication) {
        Jwt jwt = (Jwt) authentication.getPrincipal();
        boolean admin = authentication.getAuthorities().stream()
                .anyMatch(authority -> "ROLE_ADMIN".equals(authority.getAuthority()));
        return new PartnerDocumentService.Caller(CurrentUser.id(jwt), admin);
    }
}
