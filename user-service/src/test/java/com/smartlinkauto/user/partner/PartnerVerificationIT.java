package com.smartlinkauto.user.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.smartlinkauto.user.Api;
import com.smartlinkauto.user.ApiTestSupport;
import com.smartlinkauto.user.UserServiceIT;

import tools.jackson.databind.JsonNode;

/** The verification state machine, its audit trail, and the partner's view of it. */
@UserServiceIT
class PartnerVerificationIT extends ApiTestSupport {

    String admin;

    @BeforeEach
    void client() {
        admin = api.adminToken();
    }

    private Api.Response decide(String partnerId, String status, String reason) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("status", status);
        if (reason != null) {
            body.put("reason", reason);
        }
        return api.patch("/api/admin/partners/" + partnerId + "/verification", body, admin);
    }

    private boolean pendingContains(String partnerId) {
        for (int page = 0; ; page++) {
            JsonNode result = api.get("/api/admin/partners/pending?size=100&page=" + page, admin).json();
            for (JsonNode item : result.path("items")) {
                if (item.path("id").asString().equals(partnerId)) {
                    assertThat(item.path("verificationStatus").asString()).isEqualTo("PENDING");
                    return true;
                }
            }
            if (page + 1 >= result.path("totalPages").asInt()) {
                return false;
            }
        }
    }

    private List<JsonNode> audit(String subjectId) {
        List<JsonNode> entries = new ArrayList<>();
        api.get("/api/admin/audit?size=100&subjectId=" + subjectId, admin).json().path("items").forEach(entries::add);
        return entries;
    }

    @Test
    void anAdminVerifiesAPendingPartnerAndThePartnerSeesItAndIsNotified() {
        Api.Account partner = api.registerPartner();
        String partnerToken = api.login(partner).accessToken();
        assertThat(pendingContains(partner.id())).isTrue();

        String requestId = "it-verify-" + UUID.randomUUID();
        Api.Response verified = api.send("PATCH", "/api/admin/partners/" + partner.id() + "/verification",
                Map.of("status", "VERIFIED"), admin, Map.of("X-Request-Id", requestId));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.text("verificationStatus")).isEqualTo("VERIFIED");
        assertThat(pendingContains(partner.id())).isFalse();
        assertThat(api.get("/api/users/me", partnerToken).text("verificationStatus")).isEqualTo("VERIFIED");

        List<JsonNode> trail = audit(partner.id());
        assertThat(trail).hasSize(1);
        JsonNode entry = trail.get(0);
        assertThat(entry.path("action").asString()).isEqualTo("PARTNER_VERIFICATION_CHANGED");
        assertThat(entry.path("from").asString()).isEqualTo("PENDING");
        assertThat(entry.path("to").asString()).isEqualTo("VERIFIED");
        assertThat(entry.path("actorId").asString()).isEqualTo(api.get("/api/users/me", admin).text("id"));
        assertThat(entry.path("correlationId").asString()).isEqualTo(requestId);
        assertThat(entry.path("occurredAt").asString()).isNotBlank();

        JsonNode notifications = Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/users/me/notifications", partnerToken).json(),
                        page -> page.path("totalElements").asInt() == 1);
        assertThat(notifications.path("unreadCount").asInt()).isEqualTo(1);
        assertThat(notifications.path("items").get(0).path("title").asString()).contains("verified");
    }

    @Test
    void theStateMachineAllowsOnlyItsTransitions() {
        Api.Account partner = api.registerPartner();
        String partnerToken = api.login(partner).accessToken();
        String id = partner.id();

        Api.Response noReason = decide(id, "REJECTED", null).assertProblem(400, "validation");
        assertThat(noReason.json().path("errors").get(0).path("field").asString()).isEqualTo("reason");
        decide(id, "REJECTED", "   ").assertProblem(400, "validation");
        // PENDING -> PENDING by the partner is not a resubmission
        api.post("/api/partners/me/resubmit", null, partnerToken).assertProblem(409, "illegal-verification-transition");

        Api.Response rejected = decide(id, "REJECTED", "Identity document unreadable");
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.text("verificationReason")).isEqualTo("Identity document unreadable");
        Api.Response skip = decide(id, "VERIFIED", null).assertProblem(409, "illegal-verification-transition");
        assertThat(skip.text("from")).isEqualTo("REJECTED");
        assertThat(skip.text("to")).isEqualTo("VERIFIED");
        decide(id, "REJECTED", "again").assertProblem(409, "illegal-verification-transition");

        Api.Response resubmitted = api.post("/api/partners/me/resubmit", null, partnerToken);
        assertThat(resubmitted.status()).isEqualTo(200);
        assertThat(resubmitted.text("verificationStatus")).isEqualTo("PENDING");
        assertThat(decide(id, "VERIFIED", null).status()).isEqualTo(200);
        decide(id, "VERIFIED", null).assertProblem(409, "illegal-verification-transition");
        api.post("/api/partners/me/resubmit", null, partnerToken).assertProblem(409, "illegal-verification-transition");
        Api.Response suspended = decide(id, "REJECTED", "Repeated no-shows");
        assertThat(suspended.status()).isEqualTo(200);
        assertThat(suspended.text("verificationStatus")).isEqualTo("REJECTED");

        List<String> moves = new ArrayList<>();
        audit(id).forEach(e -> moves.add(e.path("from").asString() + "->" + e.path("to").asString()));
        assertThat(moves).containsExactly("VERIFIED->REJECTED", "PENDING->VERIFIED", "REJECTED->PENDING",
                "PENDING->REJECTED");
        JsonNode resubmission = audit(id).get(2);
        assertThat(resubmission.path("actorId").asString()).isEqualTo(id);
        assertThat(audit(id).get(0).path("reason").asString()).isEqualTo("Repeated no-shows");
    }

    @Test
    void badDecisionsAreRefused() {
        Api.Account partner = api.registerPartner();
        Api.Account renter = api.registerRenter();
        decide(partner.id(), "PENDING", null).assertProblem(400, "validation");
        decide(partner.id(), "BOGUS", null).assertProblem(400, "malformed-request");
        decide(partner.id(), "REJECTED", "r".repeat(501)).assertProblem(400, "validation");
        api.patch("/api/admin/partners/" + partner.id() + "/verification",
                Map.of("status", "VERIFIED", "verifiedBy", "me"), admin).assertProblem(400, "validation");
        decide(renter.id(), "VERIFIED", null).assertProblem(404, "not-found");
        decide(UUID.randomUUID().toString(), "VERIFIED", null).assertProblem(404, "not-found");
        api.patch("/api/admin/partners/not-a-uuid/verification", Map.of("status", "VERIFIED"), admin)
                .assertProblem(400, "malformed-request");
        api.get("/api/admin/partners/pending?size=101", admin).assertProblem(400, "validation");
        api.get("/api/admin/partners/pending?page=-1", admin).assertProblem(400, "validation");
        assertThat(audit(partner.id())).isEmpty();
    }

    @Test
    void concurrentDecisionsOnOnePartnerLetExactlyOneWin() throws Exception {
        Api.Account partner = api.registerPartner();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                return new Api(port).patch("/api/admin/partners/" + partner.id() + "/verification",
                        Map.of("status", "VERIFIED"), admin).status();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Integer> call : calls) {
            statuses.add(call.get());
        }
        assertThat(statuses).containsOnly(200, 409);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(audit(partner.id())).hasSize(1);
    }
}
