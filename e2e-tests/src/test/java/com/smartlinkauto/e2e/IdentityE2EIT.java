package com.smartlinkauto.e2e;

import static com.smartlinkauto.e2e.Accounts.newAccount;
import static com.smartlinkauto.e2e.Platform.gateway;
import static com.smartlinkauto.e2e.Platform.json;
import static com.smartlinkauto.e2e.Platform.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.smartlinkauto.e2e.Accounts.Account;

import tools.jackson.databind.JsonNode;

/** Partner onboarding and the admin boundary, through the gateway only. */
class IdentityE2EIT {

    @Test
    void aPartnerIsVerifiedByAnAdminAndIsTold() {
        Account partner = newAccount("/api/partners", "partner");
        HttpResponse<String> me = send(partner.as(gateway("/api/users/me")));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json(me).path("verificationStatus").asString()).isEqualTo("PENDING");
        assertThat(me.body()).doesNotContain("$2a$").doesNotContainIgnoringCase("password");

        Account admin = Accounts.admin();
        assertThat(pendingIds(admin)).as("pending partners").contains(partner.id());

        HttpResponse<String> verified = send(admin.as(gateway("/api/admin/partners/" + partner.id() + "/verification"))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"status\":\"VERIFIED\"}")));
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            HttpResponse<String> notifications = send(partner.as(gateway("/api/users/me/notifications")));
            assertThat(notifications.statusCode()).isEqualTo(200);
            JsonNode page = json(notifications);
            assertThat(page.path("unreadCount").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(page.path("items").toString()).contains("VERIFIED");
        });
        assertThat(json(send(partner.as(gateway("/api/users/me")))).path("verificationStatus").asString())
                .isEqualTo("VERIFIED");

        HttpResponse<String> audit = send(admin.as(gateway("/api/admin/audit?subjectId=" + partner.id())));
        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(audit.body()).contains("PENDING").contains("VERIFIED");
    }

    /**
     * A partner's identity document goes through user-service into the real storage network (user-service's own
     * service token for the controller) and comes back byte for byte, to the partner and to an admin.
     */
    @Test
    void aPartnersDocumentIsStoredInTheStorageNetworkAndReadBack() {
        Account partner = newAccount("/api/partners", "partner");
        byte[] pdf = new byte[200_000];
        new java.util.Random(7).nextBytes(pdf);
        System.arraycopy("%PDF-1.7\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, pdf, 0, 9);
        String boundary = "e2e-" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nINSURANCE\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"insurance.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(pdf);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> uploaded = send(partner.as(gateway("/api/partners/me/documents"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        String location = uploaded.headers().firstValue("Location").orElseThrow();

        HttpResponse<byte[]> own = Platform.sendBytes(partner.as(gateway(location)));
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).isEqualTo(pdf);
        HttpResponse<byte[]> reviewed = Platform.sendBytes(Accounts.admin().as(gateway(location)));
        assertThat(reviewed.statusCode()).isEqualTo(200);
        assertThat(reviewed.body()).isEqualTo(pdf);
    }

    @Test
    void aRenterGets403OnEveryAdminRoute() {
        Account renter = newAccount("/api/auth/register", "renter");
        String someone = renter.id();
        List<HttpRequest.Builder> adminRoutes = List.of(
                gateway("/api/admin/partners/pending"),
                gateway("/api/admin/partners/" + someone + "/verification")
                        .header("Content-Type", "application/json")
                        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"status\":\"VERIFIED\"}")),
                gateway("/api/admin/audit?subjectId=" + someone),
                gateway("/api/admin/users?query=e2e"),
                gateway("/api/admin/keys/rotate").POST(HttpRequest.BodyPublishers.noBody()));
        for (HttpRequest.Builder route : adminRoutes) {
            HttpResponse<String> response = send(renter.as(route));
            assertThat(response.statusCode()).as(response.request().method() + " " + response.request().uri())
                    .isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(response).path("type").asString()).endsWith("/forbidden");
        }
        assertThat(send(gateway("/api/admin/partners/pending")).statusCode()).as("anonymous").isEqualTo(401);
    }

    @Test
    void theSigningKeysArePublishedThroughTheGateway() {
        HttpResponse<String> jwks = send(gateway("/.well-known/jwks.json"));
        assertThat(jwks.statusCode()).isEqualTo(200);
        JsonNode keys = json(jwks).path("keys");
        assertThat(keys.isArray() && !keys.isEmpty()).isTrue();
        for (JsonNode key : keys) {
            assertThat(key.path("kty").asString()).isEqualTo("RSA");
            assertThat(key.has("d")).as("no private exponent").isFalse();
            assertThat(key.path("kid").asString()).isNotBlank();
        }
    }

    private static List<String> pendingIds(Account admin) {
        // newest partners may sit behind many older pending ones: walk the pages (bounded)
        List<String> ids = new java.util.ArrayList<>();
        for (int page = 0; page < 50; page++) {
            HttpResponse<String> response = send(admin.as(gateway("/api/admin/partners/pending?size=100&page=" + page)));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = json(response);
            StreamSupport.stream(body.path("items").spliterator(), false)
                    .forEach(item -> ids.add(item.path("id").asString()));
            if (page + 1 >= body.path("totalPages").asInt()) {
                break;
            }
        }
        return ids;
    }
}
