package com.smartlinkauto.vehicle.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.user.PartnerRegistered;
import com.smartlinkauto.contracts.events.user.UserEventTypes;
import com.smartlinkauto.vehicle.VehicleTestSupport;
import com.smartlinkauto.vehicle.catalog.PartnerDirectory;

import tools.jackson.databind.JsonNode;

/**
 * The public vehicle page names its partner as renters see them (issue #15): the first name and the initial of the
 * last name from PartnerRegistered, never the full name, the email or the partner's own view.
 */
class PartnerPublicNameIT extends VehicleTestSupport {

    private void registered(UUID partnerId, String firstName, String lastName) {
        publish(Topics.USER_EVENTS, partnerId.toString(), EventEnvelope.of(UserEventTypes.PARTNER_REGISTERED,
                partnerId.toString(), new PartnerRegistered(partnerId, "p-" + partnerId + "@example.com", firstName,
                        lastName, "PENDING", Instant.now().minusSeconds(60))));
    }

    @Test
    void thePublicViewNamesThePartnerByFirstNameAndInitial() {
        Partner partner = partner();
        registered(partner.id(), " Jean\u0007 ", "mbarga-Essomba");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "Jean M.".equals(jdbc
                .sql("select public_name from partners where partner_id = ?").param(partner.id())
                .query(String.class).optional().orElse(null)));
        partnerStatus(partner.id(), "VERIFIED");
        UUID vehicle = bookable(partner, listing());

        JsonNode seen = api.get("/api/vehicles/" + vehicle).json();
        assertThat(seen.path("partnerName").asString()).isEqualTo("Jean M.");
        assertThat(seen.toString()).doesNotContain("mbarga").doesNotContain("@example.com");
        // the partner's own (full) view is about the vehicle, not how renters see them
        assertThat(api.get("/api/vehicles/" + vehicle, partner.token()).json().has("partnerName")).isFalse();
    }

    @Test
    void aPartnerNeverNamedShowsNoName() {
        Partner partner = verifiedPartner();
        UUID vehicle = bookable(partner, listing());
        assertThat(api.get("/api/vehicles/" + vehicle).json().has("partnerName")).isFalse();
    }

    @Test
    void publicNamesAreBounded() {
        assertThat(PartnerDirectory.publicName("Amélie", "étoundi")).isEqualTo("Amélie É.");
        assertThat(PartnerDirectory.publicName("Jean", null)).isEqualTo("Jean");
        assertThat(PartnerDirectory.publicName("  ", "Mbarga")).isNull();
        assertThat(PartnerDirectory.publicName(null, "Mbarga")).isNull();
        String longest = PartnerDirectory.publicName("x".repeat(200), "Y");
        assertThat(longest).isEqualTo("x".repeat(40) + " Y.").hasSizeLessThanOrEqualTo(48);
    }
}
