package com.smartlinkauto.user.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class VehicleEventsListenerTest {

    private final UUID vehicle = UUID.randomUUID();
    private final UUID partner = UUID.randomUUID();
    private final UUID admin = UUID.randomUUID();

    private VehicleEventsListener.Message message(String from, String to, String reason, UUID actor) {
        return VehicleEventsListener.message(vehicle, partner, from, to, reason, actor);
    }

    @Test
    void eachStatusChangeHasItsOwnMessage() {
        assertThat(message("PENDING_REVIEW", "ACTIVE", null, admin).type()).isEqualTo("VEHICLE_APPROVED");
        assertThat(message("PENDING_REVIEW", "REJECTED", "blurred", admin).type()).isEqualTo("VEHICLE_REJECTED");
        assertThat(message("ACTIVE", "SUSPENDED", "unsafe", admin).type()).isEqualTo("VEHICLE_SUSPENDED");
        assertThat(message("ACTIVE", "SUSPENDED", null, null).type()).isEqualTo("VEHICLE_SUSPENDED");
        assertThat(message("SUSPENDED", "ACTIVE", null, admin).type()).isEqualTo("VEHICLE_REACTIVATED");
        assertThat(message("REJECTED", "PENDING_REVIEW", null, partner).type()).isEqualTo("VEHICLE_UNDER_REVIEW");
        assertThat(message("ACTIVE", "RETIRED", null, admin).type()).isEqualTo("VEHICLE_RETIRED");
        assertThat(message("ACTIVE", "RETIRED", "account closed", null).type()).isEqualTo("VEHICLE_RETIRED");
        assertThat(message("ACTIVE", "SOMETHING_NEW", null, admin).type()).isEqualTo("VEHICLE_STATUS_CHANGED");
    }

    @Test
    void aPartnerRetiringTheirOwnVehicleIsNotNotified() {
        assertThat(message("ACTIVE", "RETIRED", null, partner)).isNull();
    }

    @Test
    void theReasonAndTheVehicleAreInTheBody() {
        VehicleEventsListener.Message rejected = message("PENDING_REVIEW", "REJECTED", "Photos are blurred", admin);
        assertThat(rejected.title()).contains("rejected");
        assertThat(rejected.body()).contains(vehicle.toString()).contains("Reason: Photos are blurred");
        assertThat(message("PENDING_REVIEW", "ACTIVE", null, admin).body()).doesNotContain("Reason");
    }
}
