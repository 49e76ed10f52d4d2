package com.smartlinkauto.user.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class PaymentEventsListenerTest {

    @Test
    void amountsAreShownExactlyAsCaptured() {
        assertThat(PaymentEventsListener.amount(new BigDecimal("149.70"), "EUR")).isEqualTo("149.70 EUR");
        assertThat(PaymentEventsListener.amount(new BigDecimal("45000"), "XAF")).isEqualTo("45000 XAF");
        // a whole amount with its trailing zeros stripped still reads as a whole number
        assertThat(PaymentEventsListener.amount(new BigDecimal("45000").stripTrailingZeros(), "XAF"))
                .isEqualTo("45000 XAF");
    }

    @Test
    void aDeclineNamesTheProvidersMessageOrElseItsCode() {
        UUID booking = UUID.randomUUID();
        PaymentEventsListener.Message declined = PaymentEventsListener.failedMessage(booking, "45000 XAF",
                "card_declined", "Your card was declined.");
        assertThat(declined.type()).isEqualTo("PAYMENT_FAILED");
        assertThat(declined.body()).contains("45000 XAF", booking.toString(), "Your card was declined.")
                .doesNotContain("card_declined");
        PaymentEventsListener.Message bare = PaymentEventsListener.failedMessage(booking, "45000 XAF",
                "insufficient_funds", " ");
        assertThat(bare.body()).contains("insufficient_funds");
    }
}
