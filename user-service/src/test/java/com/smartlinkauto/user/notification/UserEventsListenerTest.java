package com.smartlinkauto.user.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserEventsListenerTest {

    @Test
    void eachVerificationChangeHasItsOwnMessage() {
        assertThat(UserEventsListener.message("PENDING", "VERIFIED", null).type()).isEqualTo("PARTNER_VERIFIED");
        assertThat(UserEventsListener.message("PENDING", "REJECTED", "x").type()).isEqualTo("PARTNER_REJECTED");
        assertThat(UserEventsListener.message("VERIFIED", "REJECTED", "x").type()).isEqualTo("PARTNER_SUSPENDED");
        assertThat(UserEventsListener.message("REJECTED", "PENDING", null).type()).isEqualTo("PARTNER_UNDER_REVIEW");
        assertThat(UserEventsListener.message("PENDING", "VERIFIED", null).title()).contains("verified");
        assertThat(UserEventsListener.message("PENDING", "REJECTED", "blurred").title()).contains("rejected");
        assertThat(UserEventsListener.message("PENDING", "REJECTED", "blurred").body()).contains("Reason: blurred");
        assertThat(UserEventsListener.message("VERIFIED", "REJECTED", "fraud").title()).contains("suspended");
        assertThat(UserEventsListener.message("REJECTED", "PENDING", null).title()).contains("review");
    }
}
