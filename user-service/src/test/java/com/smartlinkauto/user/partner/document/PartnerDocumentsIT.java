package com.smartlinkauto.user.partner.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.smartlinkauto.user.Api;
import com.smartlinkauto.user.Api.Part;
import com.smartlinkauto.user.ApiTestSupport;
import com.smartlinkauto.user.UserServiceIT;

import tools.jackson.databind.JsonNode;

/**
 * {@code /api/partners/.../documents} against the in-memory storage network: formats recognised by content,
 * who sees what, streaming back, deletion, the limits, and that bad input stores nothing.
 */
@UserServiceIT
class PartnerDocumentsIT extends ApiTestSupport {

    private static final String PATH = "/api/partners/me/documents";

    @Autowired
    JdbcTemplate jdbc;

    Api.Account partner;
    String token;

    @BeforeEach
    void partner() {
        partner = api.registerPartner();
        token = api.login(partner).accessToken();
    }

    @AfterEach
    void storageBack() {
        STORAGE.recover();
    }

    static byte[] pdf(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, data, 0, 9);
        return data;
    }

    static byte[] withHeader(String format, int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        byte[] header = switch (format) {
            case "jpeg" -> new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0 };
            case "png" -> new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
            case "webp" -> new byte[] { 'R', 'I', 'F', 'F', 1, 2, 3, 4, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' ' };
            default -> "%PDF-1.4".getBytes(StandardCharsets.US_ASCII);
        };
        System.arraycopy(header, 0, data, 0, header.length);
        return data;
    }

    private Api.Response upload(String authToken, String type, String filename, String declaredType, byte[] data) {
        return api.multipart(PATH, authToken, Part.field("type", type), Part.file("file", filename, declaredType, data));
    }

    private UUID fileIdOf(String documentId) {
        return jdbc.queryForObject("select file_id from partner_documents where id = ?::uuid", UUID.class, documentId);
    }

    @Test
    void aPartnerUploadsSeesDownloadsAndDeletesADocument() {
        int filesBefore = STORAGE.fileCount();
        byte[] data = pdf(300_000, 1);
        // the declared type is ignored: the bytes say PDF
        Api.Response created = upload(token, "DRIVER_LICENCE", "C:\\scans\\my licence.pdf", "application/octet-stream",
                data);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode document = created.json();
        String id = document.path("id").asString();
        assertThat(document.path("type").asString()).isEqualTo("DRIVER_LICENCE");
        assertThat(document.path("contentType").asString()).isEqualTo("application/pdf");
        assertThat(document.path("size").asLong()).isEqualTo(data.length);
        assertThat(document.path("originalName").asString()).isEqualTo("my licence.pdf");
        assertThat(document.path("uploadedAt").asString()).isNotBlank();
        assertThat(document.has("fileId")).isFalse();
        assertThat(created.header("Location")).isEqualTo("/api/partners/" + partner.id() + "/documents/" + id);

        UUID fileId = fileIdOf(id);
        assertThat(STORAGE.fileCount()).isEqualTo(filesBefore + 1);
        assertThat(STORAGE.bytes(fileId)).isEqualTo(data);
        assertThat(STORAGE.file(fileId).orElseThrow().owner()).isEqualTo("user-service");
        assertThat(STORAGE.file(fileId).orElseThrow().contentType()).isEqualTo("application/pdf");

        JsonNode mine = api.get(PATH, token).json().path("items");
        assertThat(mine.size()).isOne();
        assertThat(mine.get(0).path("id").asString()).isEqualTo(id);
        assertThat(api.get("/api/partners/" + partner.id() + "/documents", token).json().path("items").size()).isOne();

        HttpResponse<byte[]> download = api.getBytes("/api/partners/" + partner.id() + "/documents/" + id, token);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(data);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(data.length);
        assertThat(download.headers().firstValue("Cache-Control")).hasValue("private, no-store");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("inline;")
                .contains("my licence.pdf");

        List<String> actions = new ArrayList<>();
        String admin = api.adminToken();
        api.get("/api/admin/audit?subjectId=" + partner.id(), admin).json().path("items")
                .forEach(entry -> actions.add(entry.path("action").asString()));
        assertThat(actions).containsExactly("PARTNER_DOCUMENT_UPLOADED");

        assertThat(api.delete(PATH + "/" + id, token).status()).isEqualTo(204);
        assertThat(STORAGE.fileCount()).isEqualTo(filesBefore);
        assertThat(STORAGE.contains(fileId)).isFalse();
        assertThat(api.get(PATH, token).json().path("items").size()).isZero();
        assertThat(api.getBytes("/api/partners/" + partner.id() + "/documents/" + id, token).statusCode())
                .isEqualTo(404);
        api.delete(PATH + "/" + id, token).assertProblem(404, "not-found");
        actions.clear();
        api.get("/api/admin/audit?subjectId=" + partner.id(), admin).json().path("items")
                .forEach(entry -> actions.add(entry.path("action").asString()));
        assertThat(actions).containsExactly("PARTNER_DOCUMENT_DELETED", "PARTNER_DOCUMENT_UPLOADED");
    }

    @ParameterizedTest(name = "{0} bytes named {1} declared {2}")
    @CsvSource({ "jpeg, scan.pdf, application/pdf, image/jpeg", "png, insurance.png, image/png, image/png",
            "webp, ownership, text/plain, image/webp", "pdf, policy.jpg, image/jpeg, application/pdf" })
    void theFormatComesFromTheBytesNeverFromTheNameOrDeclaredType(String format, String name, String declared,
            String expected) {
        byte[] data = withHeader(format, 5_000);
        Api.Response created = upload(token, "INSURANCE", name, declared, data);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.text("contentType")).isEqualTo(expected);
        HttpResponse<byte[]> download = api.getBytes(created.header("Location"), token);
        assertThat(download.headers().firstValue("Content-Type")).hasValue(expected);
        assertThat(download.body()).isEqualTo(data);
    }

    @Test
    void onlyThePartnerAndAdminsSeeTheDocumentsOthersGet404() {
        String id = upload(token, "OWNERSHIP", "deed.png", "image/png", withHeader("png", 2_000)).text("id");
        String documents = "/api/partners/" + partner.id() + "/documents";
        String document = documents + "/" + id;

        String admin = api.adminToken();
        assertThat(api.get(documents, admin).json().path("items").get(0).path("id").asString()).isEqualTo(id);
        assertThat(api.getBytes(document, admin).statusCode()).isEqualTo(200);

        String otherPartner = api.login(api.registerPartner()).accessToken();
        String renter = api.login(api.registerRenter()).accessToken();
        for (String stranger : new String[] { otherPartner, renter }) {
            api.get(documents, stranger).assertProblem(404, "not-found");
            HttpResponse<byte[]> denied = api.getBytes(document, stranger);
            assertThat(denied.statusCode()).isEqualTo(404);
            assertThat(denied.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        // the other partner cannot delete it through their own "me" either
        api.delete(PATH + "/" + id, otherPartner).assertProblem(404, "not-found");
        api.get("/api/partners/" + UUID.randomUUID() + "/documents", admin).assertProblem(404, "not-found");
        api.get(documents + "/" + UUID.randomUUID(), token).assertProblem(404, "not-found");
        assertThat(api.get(documents, null).status()).isEqualTo(401);

        int filesBefore = STORAGE.fileCount();
        upload(renter, "INSURANCE", "a.pdf", "application/pdf", pdf(1000, 2)).assertProblem(403, "forbidden");
        assertThat(api.get(PATH, renter).status()).isEqualTo(403);
        assertThat(upload(null, "INSURANCE", "a.pdf", "application/pdf", pdf(1000, 2)).status()).isEqualTo(401);
        assertThat(STORAGE.fileCount()).isEqualTo(filesBefore);
    }

    @Test
    void badInputIsAProblemAndStoresNothing() {
        int filesBefore = STORAGE.fileCount();
        byte[] pdf = pdf(1000, 3);

        Api.Response wrongType = upload(token, "PASSPORT", "a.pdf", "application/pdf", pdf)
                .assertProblem(400, "validation");
        assertThat(wrongType.json().path("errors").get(0).path("field").asString()).isEqualTo("type");
        api.multipart(PATH, token, Part.file("file", "a.pdf", "application/pdf", pdf)).assertProblem(400, "validation");
        Api.Response noFile = api.multipart(PATH, token, Part.field("type", "INSURANCE"))
                .assertProblem(400, "validation");
        assertThat(noFile.json().path("errors").get(0).path("field").asString()).isEqualTo("file");
        upload(token, "INSURANCE", "empty.pdf", "application/pdf", new byte[0]).assertProblem(400, "validation");
        upload(token, "INSURANCE", "x.pdf", "application/pdf",
                "just some text, not a PDF at all".getBytes(StandardCharsets.UTF_8))
                .assertProblem(415, "unsupported-document-format");
        upload(token, "INSURANCE", "tiny.pdf", "application/pdf", new byte[] { '%', 'P' })
                .assertProblem(415, "unsupported-document-format");
        upload(token, "INSURANCE", "page.html", "text/html",
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8))
                .assertProblem(415, "unsupported-document-format");
        api.post(PATH, "{\"type\":\"INSURANCE\"}", token).assertProblem(415, "unsupported-media-type");

        assertThat(STORAGE.fileCount()).isEqualTo(filesBefore);
        assertThat(api.get(PATH, token).json().path("items").size()).isZero();
    }

    @Test
    void aDocumentOverTenMegabytesIs413() {
        int filesBefore = STORAGE.fileCount();
        upload(token, "INSURANCE", "big.pdf", "application/pdf", pdf(10 * 1024 * 1024 + 1, 4))
                .assertProblem(413, "payload-too-large");
        assertThat(STORAGE.fileCount()).isEqualTo(filesBefore);
        Api.Response exactly = upload(token, "INSURANCE", "max.pdf", "application/pdf", pdf(10 * 1024 * 1024, 5));
        assertThat(exactly.status()).as(exactly.body()).isEqualTo(201);
    }

    @Test
    void atMostThirtyDocumentsEvenWhenUploadsRace() throws Exception {
        byte[] png = withHeader("png", 500);
        for (int i = 0; i < 29; i++) {
            assertThat(upload(token, "INSURANCE", "p" + i + ".png", "image/png", png).status()).isEqualTo(201);
        }
        int filesBefore = STORAGE.fileCount();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Api.Response>> racing = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Api client = new Api(port);
            racing.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                return client.multipart(PATH, token, Part.field("type", "OWNERSHIP"),
                        Part.file("file", "race.png", "image/png", png));
            }));
        }
        start.countDown();
        List<Api.Response> results = racing.stream().map(CompletableFuture::join).toList();
        assertThat(results).filteredOn(r -> r.status() == 201).hasSize(1);
        results.stream().filter(r -> r.status() != 201)
                .forEach(r -> r.assertProblem(409, "document-limit-reached"));
        assertThat(api.get(PATH, token).json().path("items").size()).isEqualTo(30);
        // uploads that lost the race after storing their bytes deleted them again
        assertThat(STORAGE.fileCount()).isEqualTo(filesBefore + 1);

        upload(token, "INSURANCE", "one-more.png", "image/png", png).assertProblem(409, "document-limit-reached");
        assertThat(STORAGE.fileCount()).isEqualTo(filesBefore + 1);
    }

    @Test
    void aPartnersDocumentsAreLimitedInTotalSizeAlsoWhenUploadsRace() {
        // smartlink.users.documents.max-total-bytes: 50 MB
        long limit = 50L * 1024 * 1024;
        byte[] ten = pdf(10 * 1024 * 1024, 7);
        for (int i = 0; i < 4; i++) {
            assertThat(upload(token, "INSURANCE", "big" + i + ".pdf", "application/pdf", ten).status()).isEqualTo(201);
        }
        int filesBefore = STORAGE.fileCount();
        byte[] six = pdf(6 * 1024 * 1024, 8);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Api.Response>> racing = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Api client = new Api(port);
            racing.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                return client.multipart(PATH, token, Part.field("type", "OWNERSHIP"),
                        Part.file("file", "race.pdf", "application/pdf", six));
            }));
        }
        start.countDown();
        List<Api.Response> results = racing.stream().map(CompletableFuture::join).toList();
        assertThat(results).filteredOn(r -> r.status() == 201).hasSize(1);
        results.stream().filter(r -> r.status() != 201).forEach(r -> {
            r.assertProblem(409, "quota-exceeded");
            assertThat(r.json().path("quota").asString()).isEqualTo("documentBytes");
            assertThat(r.json().path("limit").asLong()).isEqualTo(limit);
            assertThat(r.json().path("detail").asString()).contains(Long.toString(limit));
        });
        assertThat(STORAGE.fileCount()).as("losers deleted their stored bytes").isEqualTo(filesBefore + 1);
        // 46 MiB kept: 5 MiB more is over, 4 MiB fits exactly
        upload(token, "INSURANCE", "five.pdf", "application/pdf", pdf(5 * 1024 * 1024, 9))
                .assertProblem(409, "quota-exceeded");
        assertThat(upload(token, "INSURANCE", "four.pdf", "application/pdf", pdf(4 * 1024 * 1024, 10)).status())
                .isEqualTo(201);
        assertThat(jdbc.queryForObject("select sum(size_bytes) from partner_documents where partner_id = ?::uuid",
                Long.class, partner.id())).isEqualTo(limit);
    }

    @Test
    void anUnavailableStorageNetworkIs503AndKeepsNoRow() {
        STORAGE.failWith(503);
        upload(token, "INSURANCE", "a.pdf", "application/pdf", pdf(2000, 6)).assertProblem(503, "storage-unavailable");
        STORAGE.recover();
        assertThat(api.get(PATH, token).json().path("items").size()).isZero();

        String id = upload(token, "INSURANCE", "a.pdf", "application/pdf", pdf(2000, 6)).text("id");
        STORAGE.failWith(503);
        // deleting needs the storage network: nothing changes, the partner can try again
        api.delete(PATH + "/" + id, token).assertProblem(503, "storage-unavailable");
        STORAGE.recover();
        assertThat(api.get(PATH, token).json().path("items").size()).isOne();
        assertThat(api.delete(PATH + "/" + id, token).status()).isEqualTo(204);
    }
}
