package com.smartlinkauto.vehicle.photo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.smartlinkauto.storageclient.StorageDownload;
import com.smartlinkauto.vehicle.catalog.PhotoRef;
import com.smartlinkauto.vehicle.shared.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

@RestController
@RequestMapping("/api/vehicles/{vehicleId}/photos")
@Tag(name = "photos")
class PhotoController {

    /** A photo id always names the same bytes: caches may keep them (a day, to let removals take effect). */
    private static final String PUBLIC_CACHING = "public, max-age=86400";
    private static final String PRIVATE_CACHING = "private, max-age=0, must-revalidate";

    private final PhotoService photos;

    PhotoController(PhotoService photos) {
        this.photos = photos;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Add a photo (owner or admin): multipart part `file`, JPEG/PNG/WebP by content, at most "
            + "10 MB, at most 20 per vehicle",
            description = "Counts against the partner's photo quota across all their vehicles (not yet verified: 50 "
                    + "photos / 200 MB; verified: 2,000 / 10 GB; smartlink.vehicles.quotas): beyond it 409 "
                    + "quota-exceeded. 409 photo-limit-reached per vehicle, 413 too large, 415 not an image, 400 "
                    + "malformed multipart, 503 storage-unavailable.")
    ResponseEntity<PhotoRef> add(@PathVariable UUID vehicleId, @RequestPart("file") MultipartFile file,
            @AuthenticationPrincipal Jwt jwt) throws IOException {
        Photo photo = photos.add(vehicleId, file, Caller.of(jwt));
        PhotoRef ref = new PhotoRef(photo.id(), photo.contentType(), photo.size(), PhotoRef.url(vehicleId, photo.id()));
        return ResponseEntity.created(URI.create(ref.url())).body(ref);
    }

    @GetMapping("/{photoId}")
    @Operation(summary = "The photo's bytes (public for bookable vehicles), with ETag and caching headers",
            security = {})
    void get(@PathVariable UUID vehicleId, @PathVariable UUID photoId,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            @AuthenticationPrincipal Jwt jwt, HttpServletResponse response) throws IOException {
        PhotoService.Visible visible = photos.visible(vehicleId, photoId, Caller.of(jwt));
        Photo photo = visible.photo();
        String etag = "\"" + photo.sha256() + "\"";
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(HttpHeaders.CACHE_CONTROL, visible.publicVehicle() ? PUBLIC_CACHING : PRIVATE_CACHING);
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.strip().equals("*"))) {
            response.setStatus(HttpStatus.NOT_MODIFIED.value());
            return;
        }
        try (StorageDownload download = photos.open(photo)) {
            response.setStatus(HttpStatus.OK.value());
            response.setContentType(photo.contentType());
            response.setContentLengthLong(download.contentLength() >= 0 ? download.contentLength() : photo.size());
            response.setHeader("X-Content-Type-Options", "nosniff");
            try (InputStream in = download.body(); OutputStream out = response.getOutputStream()) {
                in.transferTo(out);
            }
        }
    }

    @DeleteMapping("/{photoId}")
    @Operation(summary = "Remove a photo (owner or admin)")
    ResponseEntity<Void> delete(@PathVariable UUID vehicleId, @PathVariable UUID photoId,
            @AuthenticationPrincipal Jwt jwt) {
        photos.delete(vehicleId, photoId, Caller.of(jwt));
        return ResponseEntity.noContent().build();
    }
}
