package com.smartlinkauto.vehicle.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.vehicle.VehicleEventTypes;
import com.smartlinkauto.testsupport.security.TestTokens;
import com.smartlinkauto.vehicle.Api;
import com.smartlinkauto.testsupport.kafka.KafkaProbe;
import com.smartlinkauto.vehicle.VehicleTestSupport;

import tools.jackson.databind.JsonNode;

/** Admin verification and status changes, their audit and events, and the partner verification cascade. */
class VehicleLifecycleIT extends VehicleTestSupport {

    @Test
    void anAdminApprovesAPendingVehicleWhichBecomesPublicAndTheChangeIsAuditedAndPublished() {
        Partner partner = verifiedPartner();
        UUID id = list(partner, listing());
        JsonNode pending = api.get("/api/admin/vehicles/pending?size=100", admin).json();
        assertThat(pending.path("items").findValuesAsString("id")).contains(id.toString());

        try (KafkaProbe probe = new KafkaProbe(bootstrapServers, Topics.VEHICLE_EVENTS)) {
            Api.Response approved = api.patch("/api/admin/vehicles/" + id + "/verification",
                    Map.of("status", "ACTIVE"), admin);
            approved.assertStatus(200);
            assertThat(approved.text("status")).isEqualTo("ACTIVE");
            assertThat(approved.json().path("bookable").asBoolean()).isTrue();
            JsonNode event = probe.awaitEvent(VehicleEventTypes.VEHICLE_VERIFICATION_CHANGED, id.toString());
            assertThat(event.path("payload").path("fromStatus").asString()).isEqualTo("PENDING_REVIEW");
            assertThat(event.path("payload").path("toStatus").asString()).isEqualTo("ACTIVE");
            assertThat(event.path("payload").path("partnerId").asString()).isEqualTo(partner.id().toString());
        }
        assertThat(api.get("/api/vehicles/" + id).status()).isEqualTo(200);
        assertThat(api.get("/api/admin/vehicles/pending?size=100", admin).json().path("items")
                .findValuesAsString("id")).doesNotContain(id.toString());
        JsonNode audit = api.get("/api/admin/vehicles/" + id + "/audit", admin).json();
        assertThat(audit.findValuesAsString("action")).containsExactly("APPROVED", "LISTED");
        // verification is for pending vehicles only
        api.patch("/api/admin/vehicles/" + id + "/verification", Map.of("status", "REJECTED", "reason", "late"), admin)
                .assertProblem(409, "illegal-vehicle-transition");
    }

    @Test
    void rejectionNeedsAReasonAndAnEditResubmitsTheVehicle() {
        Partner partner = verifiedPartner();
        UUID id = list(partner, listing());
        String path = "/api/admin/vehicles/" + id + "/verification";
        api.patch(path, Map.of("status", "REJECTED"), admin).assertInvalid("reason");
        api.patch(path, Map.of("status", "REJECTED", "reason", "  "), admin).assertInvalid("reason");
        api.patch(path, Map.of("status", "SUSPENDED", "reason", "x"), admin).assertInvalid("status");
        api.patch(path, Map.of("status", "NOPE"), admin).assertProblem(400, "malformed-request");
        assertThat(status(id)).isEqualTo("PENDING_REVIEW");
        Api.Response rejected = api.patch(path, Map.of("status", "REJECTED", "reason", "Photos missing"), admin);
        assertThat(rejected.text("status")).isEqualTo("REJECTED");
        assertThat(rejected.text("statusReason")).isEqualTo("Photos missing");
        api.get("/api/vehicles/" + id).assertProblem(404, "not-found");
        // the owner fixes it: back to review
        Api.Response edited = api.patch("/api/vehicles/" + id, Map.of("description", "Now with photos"),
                partner.token());
        assertThat(edited.text("status")).isEqualTo("PENDING_REVIEW");
        assertThat(api.get("/api/admin/vehicles/" + id + "/audit", admin).json().findValuesAsString("action"))
                .containsExactly("RESUBMITTED", "REJECTED", "LISTED");
    }

    @Test
    void statusChangesFollowTheLifecycleAndIllegalOnesAre409() {
        Partner partner = verifiedPartner();
        UUID id = list(partner, listing());
        String path = "/api/admin/vehicles/" + id + "/status";
        // PENDING_REVIEW: neither suspended nor reactivated
        api.patch(path, Map.of("status", "SUSPENDED", "reason", "x"), admin)
                .assertProblem(409, "illegal-vehicle-transition");
        api.patch(path, Map.of("status", "ACTIVE"), admin).assertProblem(409, "illegal-vehicle-transition");
        api.patch(path, Map.of("status", "PENDING_REVIEW"), admin).assertInvalid("status");
        approve(id);
        api.patch(path, Map.of("status", "SUSPENDED"), admin).assertInvalid("reason");
        api.patch(path, Map.of("status", "ACTIVE"), admin).assertProblem(409, "illegal-vehicle-transition");
        assertThat(api.patch(path, Map.of("status", "SUSPENDED", "reason", "Complaint"), admin).text("status"))
                .isEqualTo("SUSPENDED");
        api.get("/api/vehicles/" + id).assertProblem(404, "not-found");
        api.patch(path, Map.of("status", "SUSPENDED", "reason", "again"), admin)
                .assertProblem(409, "illegal-vehicle-transition");
        assertThat(api.patch(path, Map.of("status", "ACTIVE"), admin).text("status")).isEqualTo("ACTIVE");
        assertThat(api.patch(path, Map.of("status", "RETIRED", "reason", "Sold"), admin).text("status"))
                .isEqualTo("RETIRED");
        api.patch(path, Map.of("status", "ACTIVE"), admin).assertProblem(409, "illegal-vehicle-transition");
        api.patch(path, Map.of("status", "RETIRED"), admin).assertProblem(409, "illegal-vehicle-transition");
        assertThat(api.get("/api/admin/vehicles/" + id + "/audit", admin).json().findValuesAsString("action"))
                .containsExactly("RETIRED", "REACTIVATED", "SUSPENDED", "APPROVED", "LISTED");
        // only admins
        Partner owner = partner;
        api.patch(path, Map.of("status", "ACTIVE"), owner.token()).assertProblem(403, "forbidden");
        api.get("/api/admin/vehicles/pending", TestTokens.token("RENTER")).assertProblem(403, "forbidden");
        api.get("/api/admin/vehicles/pending", null).assertProblem(401, "unauthorized");
        api.patch("/api/admin/vehicles/" + UUID.randomUUID() + "/status", Map.of("status", "ACTIVE"), admin)
                .assertProblem(404, "not-found");
    }

    @Test
    void aSuspendedPartnersVehiclesAreSuspendedAndComeBackWhenThePartnerIsVerifiedAgain() {
        Partner partner = verifiedPartner();
        UUID first = bookable(partner, listing());
        UUID second = bookable(partner, listing());
        UUID adminSuspended = bookable(partner, listing());
        UUID pending = list(partner, listing());
        api.patch("/api/admin/vehicles/" + adminSuspended + "/status",
                Map.of("status", "SUSPENDED", "reason", "Damage report"), admin).assertStatus(200);

        try (KafkaProbe probe = new KafkaProbe(bootstrapServers, Topics.VEHICLE_EVENTS)) {
            partnerStatus(partner.id(), "REJECTED");
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> "SUSPENDED".equals(status(first)) && "SUSPENDED".equals(status(second)));
            JsonNode event = KafkaProbe.json(probe.await(r -> first.toString().equals(r.key())
                    && "SUSPENDED".equals(KafkaProbe.json(r).path("payload").path("toStatus").asString(""))));
            assertThat(event.path("type").asString()).isEqualTo(VehicleEventTypes.VEHICLE_VERIFICATION_CHANGED);
            assertThat(event.path("payload").path("fromStatus").asString()).isEqualTo("ACTIVE");
            assertThat(event.path("payload").path("actorId").isNull()).as("the system, not a person").isTrue();
        }
        assertThat(status(pending)).isEqualTo("PENDING_REVIEW");
        api.get("/api/vehicles/" + first).assertProblem(404, "not-found");
        // an admin cannot lift it while the partner is suspended, and a suspended partner cannot list
        api.patch("/api/admin/vehicles/" + first + "/status", Map.of("status", "ACTIVE"), admin)
                .assertProblem(409, "illegal-vehicle-transition");
        api.post("/api/partners/" + partner.id() + "/vehicles", listing(), partner.token())
                .assertProblem(403, "partner-not-allowed");
        // approving a pending vehicle of a suspended partner parks it, suspended, until the partner is back
        assertThat(api.patch("/api/admin/vehicles/" + pending + "/verification", Map.of("status", "ACTIVE"), admin)
                .text("status")).isEqualTo("SUSPENDED");

        partnerStatus(partner.id(), "VERIFIED");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "ACTIVE".equals(status(first))
                && "ACTIVE".equals(status(second)) && "ACTIVE".equals(status(pending)));
        assertThat(status(adminSuspended)).as("an admin's suspension stays").isEqualTo("SUSPENDED");
        assertThat(api.get("/api/vehicles/" + first).status()).isEqualTo(200);
        assertThat(api.get("/api/admin/vehicles/" + first + "/audit", admin).json().findValuesAsString("action"))
                .containsExactly("PARTNER_REINSTATED", "PARTNER_SUSPENDED", "APPROVED", "LISTED");
    }

    @Test
    void anApprovedVehicleOfAPartnerNotYetVerifiedIsNotBookableUntilThePartnerIs() {
        Partner partner = partner();
        UUID id = list(partner, listing());
        approve(id);
        assertThat(status(id)).isEqualTo("ACTIVE");
        api.get("/api/vehicles/" + id).assertProblem(404, "not-found");
        assertThat(api.get("/api/vehicles/" + id, partner.token()).json().path("bookable").asBoolean()).isFalse();
        try (KafkaProbe probe = new KafkaProbe(bootstrapServers, Topics.VEHICLE_EVENTS)) {
            partnerStatus(partner.id(), "VERIFIED");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/vehicles/" + id).status() == 200);
            assertThat(api.get("/internal/vehicles/" + id, bookingService).json().path("bookable").asBoolean()).isTrue();
            // bookable now without a status change: said on vehicle.events (booking-service's cache forgets it)
            JsonNode event = probe.awaitEvent(VehicleEventTypes.VEHICLE_UPDATED, id.toString());
            assertThat(event.path("payload").path("changedFields").toString()).isEqualTo("[\"partnerVerified\"]");
            assertThat(event.path("payload").path("status").asString()).isEqualTo("ACTIVE");
        }
    }

    @Test
    void aDuplicatedOrOlderPartnerEventChangesNothing() {
        Partner partner = verifiedPartner();
        UUID id = bookable(partner, listing());
        List<String> before = api.get("/api/admin/vehicles/" + id + "/audit", admin).json().findValuesAsString("action");
        // VERIFIED again (a redelivery in effect): no cascade, no new audit line
        partnerStatus(partner.id(), "VERIFIED");
        assertThat(api.get("/api/admin/vehicles/" + id + "/audit", admin).json().findValuesAsString("action"))
                .isEqualTo(before);
        assertThat(status(id)).isEqualTo("ACTIVE");
    }
}
