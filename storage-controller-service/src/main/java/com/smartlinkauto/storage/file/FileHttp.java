package com.smartlinkauto.storage.file;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;
import com.smartlinkauto.servicedefaults.validation.TextRules;
import com.smartlinkauto.storage.config.StorageProblems;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The HTTP side of the file endpoints, shared by the admin API ({@link FileController},
 * {@code /api/storage/files}) and the service-to-service API ({@link InternalFileController},
 * {@code /internal/storage/files}): streamed uploads (raw body or multipart), downloads with ranges and
 * ETags, manifests, deletion. Only who the owner is and where the file lives differ between the two.
 */
@Component
class FileHttp {

    private final UploadService uploads;
    private final DownloadService downloads;
    private final FileService files;

    FileHttp(UploadService uploads, DownloadService downloads, FileService files) {
        this.uploads = uploads;
        this.downloads = downloads;
        this.files = files;
    }

    /** Stores the request's body (raw or the multipart {@code file} part); 201 with the manifest. */
    ResponseEntity<Manifest> upload(HttpServletRequest request, Integer replication, String chunkSize, String name,
            String owner, String basePath) throws IOException {
        UploadService.Stored stored;
        if (JakartaServletFileUpload.isMultipartContent(request)) {
            stored = multipart(request, replication, chunkSize, name, owner);
        }
        else {
            long length = request.getContentLengthLong();
            UploadService.Options options = new UploadService.Options(replication, chunkSize,
                    name(name != null ? name : request.getHeader("X-File-Name")), contentType(request.getContentType()),
                    length >= 0 ? length : null);
            UploadService.Plan plan = uploads.plan(options);
            stored = uploads.upload(request.getInputStream(), options, plan, owner);
        }
        Manifest manifest = files.manifest(stored.fileId(), stored.warnings());
        return ResponseEntity.created(URI.create(basePath + "/" + stored.fileId())).body(manifest);
    }

    Manifest manifest(UUID fileId) {
        return files.manifest(fileId, List.of());
    }

    void delete(UUID fileId) {
        files.delete(fileId);
    }

    private UploadService.Stored multipart(HttpServletRequest request, Integer replication, String chunkSize,
            String name, String owner) throws IOException {
        JakartaServletFileUpload<?, ?> parser = new JakartaServletFileUpload<>();
        try {
            FileItemInputIterator items = parser.getItemIterator(request);
            while (items.hasNext()) {
                FileItemInput item = items.next();
                if (item.isFormField()) {
                    String value = field(item);
                    switch (item.getFieldName()) {
                        case "replication" -> replication = replication != null ? replication : integer(value);
                        case "chunkSize" -> chunkSize = chunkSize != null ? chunkSize : value;
                        case "name" -> name = name != null ? name : value;
                        default -> {
                            // other form fields are not ours
                        }
                    }
                    continue;
                }
                if (!"file".equals(item.getFieldName())) {
                    continue;
                }
                UploadService.Options options = new UploadService.Options(replication, chunkSize,
                        name(name != null ? name : item.getName()), contentType(item.getContentType()), null);
                UploadService.Plan plan = uploads.plan(options);
                try (InputStream in = item.getInputStream()) {
                    return uploads.upload(in, options, plan, owner);
                }
            }
        }
        catch (FileUploadException ex) {
            throw StorageProblems.invalidUpload("The multipart body could not be read: " + ex.getMessage());
        }
        throw StorageProblems.invalidUpload("A multipart upload needs a part named `file`.");
    }

    private static String field(FileItemInput item) throws IOException {
        try (InputStream in = item.getInputStream()) {
            byte[] value = in.readNBytes(1025);
            if (value.length > 1024) {
                throw StorageProblems.invalidUpload("Form field " + item.getFieldName() + " is longer than 1 KiB.");
            }
            return new String(value, StandardCharsets.UTF_8).trim();
        }
    }

    private static Integer integer(String value) {
        try {
            return value.isEmpty() ? null : Integer.valueOf(value);
        }
        catch (NumberFormatException ex) {
            throw StorageProblems.invalidUpload("replication must be a whole number between 1 and 5.");
        }
    }

    private static String name(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String trimmed = name.strip();
        int slash = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
        trimmed = trimmed.substring(slash + 1);
        if (TextRules.problem(trimmed, 255, false, false).isPresent()) {
            throw StorageProblems.invalidUpload("name must be at most 255 characters without control characters "
                    + "or bidirectional overrides.");
        }
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static String contentType(String value) {
        if (value == null || value.isBlank()) {
            return MediaType.APPLICATION_OCTET_STREAM_VALUE;
        }
        if (value.length() > 255 || TextRules.characterProblem(value, false).isPresent()) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemTypes.UNSUPPORTED_MEDIA_TYPE,
                    "The Content-Type is not a valid media type.");
        }
        try {
            return MediaType.parseMediaType(value).toString();
        }
        catch (IllegalArgumentException ex) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    ProblemTypes.UNSUPPORTED_MEDIA_TYPE,
                    "The Content-Type is not a valid media type.");
        }
    }

    /** Streams the file (one {@code Range} → 206), or answers 304 to a matching {@code If-None-Match}. */
    void download(UUID fileId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        FileStore.FileRow file = files.require(fileId);
        if (!"AVAILABLE".equals(file.status())) {
            throw new ApiException(HttpStatus.CONFLICT, StorageProblems.FILE_NOT_READY,
                    "The file is " + file.status() + ": it can be read once every chunk is stored.",
                    Map.of("fileId", fileId.toString(), "status", file.status()));
        }
        String etag = "\"" + file.sha256() + "\"";
        if (etag.equals(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
            response.setStatus(HttpStatus.NOT_MODIFIED.value());
            response.setHeader(HttpHeaders.ETAG, etag);
            return;
        }
        ByteRange range = ByteRange.parse(request.getHeader(HttpHeaders.RANGE), file.size());
        if (range.unsatisfiable()) {
            response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + file.size());
            throw new ApiException(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, StorageProblems.RANGE_NOT_SATISFIABLE,
                    "The range lies outside the file's " + file.size() + " bytes.", Map.of("size", file.size()));
        }
        boolean head = "HEAD".equals(request.getMethod());
        try (DownloadService.Download download = head ? null : downloads.open(file, range.start(), range.end())) {
            if (download != null) {
                download.awaitFirst();
            }
            response.setStatus(range.partial() ? HttpStatus.PARTIAL_CONTENT.value() : HttpStatus.OK.value());
            response.setContentType(file.contentType());
            response.setContentLengthLong(range.end() - range.start());
            response.setHeader(HttpHeaders.ETAG, etag);
            response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
            response.setHeader(HttpHeaders.CACHE_CONTROL, "private, max-age=0, must-revalidate");
            if (range.partial()) {
                response.setHeader(HttpHeaders.CONTENT_RANGE,
                        "bytes " + range.start() + "-" + (range.end() - 1) + "/" + file.size());
            }
            if (file.name() != null) {
                response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline().filename(file.name(), StandardCharsets.UTF_8).build().toString());
            }
            if (download != null) {
                download.writeTo(response.getOutputStream());
            }
        }
    }

}
