package com.smartlinkauto.vehicle.photo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.testsupport.security.TestTokens;
import com.smartlinkauto.vehicle.Api;

import tools.jackson.databind.JsonNode;

/**
 * Photos through the storage client, against an in-memory stand-in for the storage controller's internal
 * file API (the real network is covered by the controller's ITs and the e2e test).
 */
class PhotoIT extends PhotoTestSupport {

    @Test
    void theOwnerAddsPhotosThatAnyoneCanDownloadWithCachingHeadersAndDeletesThem() {
        Partner owner = verifiedPartner();
        UUID id = bookable(owner, listing());
        byte[] image = png(300_000);
        Api.Response created = api.upload("/api/vehicles/" + id + "/photos", "file", "car.bin",
                "application/octet-stream", image, Map.of(), owner.token());
        created.assertStatus(201);
        assertThat(created.text("contentType")).as("by content, not the declared type").isEqualTo("image/png");
        assertThat(created.json().path("size").asLong()).isEqualTo(image.length);
        String url = created.text("url");
        assertThat(created.header("Location")).isEqualTo(url);
        UUID fileId = jdbc.sql("select file_id from vehicle_photos where id = ?")
                .param(UUID.fromString(created.text("id"))).query(UUID.class).single();
        assertThat(STORAGE.bytes(fileId)).isEqualTo(image);
        // stored with vehicle-service's own service token (from the token endpoint, through the OAuth2 client)
        assertThat(STORAGE.file(fileId).orElseThrow().owner()).isEqualTo("vehicle-service");
        assertThat(STORAGE.callers()).containsOnly("vehicle-service");

        Api.Response download = api.get(url);
        download.assertStatus(200);
        assertThat(download.bytes()).isEqualTo(image);
        assertThat(download.header("Content-Type")).isEqualTo("image/png");
        assertThat(download.header("Cache-Control")).contains("public", "max-age=");
        String etag = download.header("ETag");
        assertThat(etag).isNotBlank();
        Api.Response notModified = api.send("GET", url, null, null, Map.of("If-None-Match", etag));
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.bytes()).isEmpty();

        assertThat(api.upload("/api/vehicles/" + id + "/photos", "file", "a.jpg", "image/jpeg", jpeg(), Map.of(),
                owner.token()).text("contentType")).isEqualTo("image/jpeg");
        assertThat(api.upload("/api/vehicles/" + id + "/photos", "file", "a.webp", "image/webp", webp(), Map.of(),
                admin).text("contentType")).isEqualTo("image/webp");
        // the details and search list them (the first is the cover)
        JsonNode details = api.get("/api/vehicles/" + id).json();
        assertThat(details.path("photos").findValuesAsString("url")).hasSize(3).first().isEqualTo(url);
        // the limit (3 here)
        int stored = STORAGE.fileCount();
        api.upload("/api/vehicles/" + id + "/photos", "file", "b.png", "image/png", png(100), Map.of(), owner.token())
                .assertProblem(409, "photo-limit-reached");
        assertThat(STORAGE.fileCount()).isEqualTo(stored);

        api.delete(url, owner.token()).assertStatus(204);
        api.get(url).assertProblem(404, "not-found");
        assertThat(STORAGE.contains(fileId)).as("the stored file is deleted too").isFalse();
        assertThat(api.get("/api/vehicles/" + id).json().path("photos").size()).isEqualTo(2);
    }

    @Test
    void nonImagesEmptyFilesAndOversizedUploadsAreRejectedAndNothingIsStored() {
        Partner owner = verifiedPartner();
        UUID id = bookable(owner, listing());
        String path = "/api/vehicles/" + id + "/photos";
        int before = STORAGE.fileCount();
        api.upload(path, "file", "car.jpg", "image/jpeg", "not an image at all".getBytes(), Map.of(), owner.token())
                .assertProblem(415, "unsupported-image");
        api.upload(path, "file", "doc.pdf", "image/png", "%PDF-1.7 ...".getBytes(), Map.of(), owner.token())
                .assertProblem(415, "unsupported-image");
        api.upload(path, "file", "empty.png", "image/png", new byte[0], Map.of(), owner.token()).assertInvalid("file");
        api.upload(path, "photo", "car.png", "image/png", png(100), Map.of(), owner.token())
                .assertProblem(400, "malformed-request");
        api.upload(path, "file", "big.png", "image/png", png(10 * 1024 * 1024 + 1), Map.of(), owner.token())
                .assertProblem(413, "payload-too-large");
        assertThat(STORAGE.fileCount()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from vehicle_photos where vehicle_id = ?").param(id).query(Long.class)
                .single()).isZero();
    }

    @Test
    void anotherPartnerCanNeitherAddNorDeletePhotosAndPhotosOfHiddenVehiclesAreHidden() {
        Partner owner = verifiedPartner();
        UUID id = bookable(owner, listing());
        String url = api.upload("/api/vehicles/" + id + "/photos", "file", "a.png", "image/png", png(1000), Map.of(),
                owner.token()).text("url");
        Partner other = partner();
        api.upload("/api/vehicles/" + id + "/photos", "file", "x.png", "image/png", png(100), Map.of(), other.token())
                .assertProblem(404, "not-found");
        api.upload("/api/vehicles/" + id + "/photos", "file", "x.png", "image/png", png(100), Map.of(), null)
                .assertProblem(401, "unauthorized");
        api.delete(url, other.token()).assertProblem(404, "not-found");
        api.delete(url, TestTokens.token("RENTER")).assertProblem(404, "not-found");
        api.get("/api/vehicles/" + id + "/photos/" + UUID.randomUUID()).assertProblem(404, "not-found");
        // suspended: the photo is no longer public, the owner still sees it (not cached publicly)
        api.patch("/api/admin/vehicles/" + id + "/status", Map.of("status", "SUSPENDED", "reason", "check"), admin)
                .assertStatus(200);
        api.get(url).assertProblem(404, "not-found");
        Api.Response own = api.get(url, owner.token());
        own.assertStatus(200);
        assertThat(own.header("Cache-Control")).contains("private");
    }

    @Test
    void anUnreachableStorageNetworkIsA503AndNothingIsRecorded() {
        Partner owner = verifiedPartner();
        UUID id = bookable(owner, listing());
        STORAGE.failWith(500);
        try {
            api.upload("/api/vehicles/" + id + "/photos", "file", "a.png", "image/png", png(1000), Map.of(),
                    owner.token()).assertProblem(503, "storage-unavailable");
        }
        finally {
            STORAGE.recover();
        }
        assertThat(jdbc.sql("select count(*) from vehicle_photos where vehicle_id = ?").param(id).query(Long.class)
                .single()).isZero();
    }
}
