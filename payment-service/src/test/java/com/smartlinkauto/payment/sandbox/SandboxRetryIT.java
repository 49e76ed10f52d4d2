package com.smartlinkauto.payment.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.smartlinkauto.payment.BookingServiceStub;
import com.smartlinkauto.payment.PaymentTestSupport;
import com.smartlinkauto.payment.WebhookProxy;

/**
 * The sandbox's deliveries retry like Stripe's: the webhook endpoint (behind the ITs' proxy) fails the first two
 * attempts of an event, which then arrives on the third, after waits of about 1 s and 2 s, each attempt signed afresh.
 */
class SandboxRetryIT extends PaymentTestSupport {

    @Test
    void aFailingEndpointIsRetriedWithBackoffUntilTheEventIsDelivered() {
        Party renter = renter();
        BookingServiceStub.Booking booking = bookings.held(renter.id(), "60.00", "EUR");
        String marker = booking.id().toString();
        String url = checkout(renter, booking.id()).expect(201).text("checkoutUrl");
        webhooks.fail(marker, 2);
        api.post(url.substring(url.indexOf("/payments/sandbox/")) + "/pay").form("cardNumber", "4242424242424242")
                .send().expect(200);

        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> count("select count(*) from payment where booking_id = ?", booking.id()) == 1);
        List<WebhookProxy.Attempt> attempts = webhooks.attempts(marker);
        assertThat(attempts).hasSize(3);
        assertThat(attempts).extracting(WebhookProxy.Attempt::status).containsExactly(503, 503, 200);
        assertThat(attempts.get(1).atMillis() - attempts.get(0).atMillis()).isGreaterThanOrEqualTo(900);
        assertThat(attempts.get(2).atMillis() - attempts.get(1).atMillis()).isGreaterThanOrEqualTo(1900);
        // signed afresh: a retry carries a newer timestamp, never a stale one
        assertThat(attempts.get(2).signature()).isNotEqualTo(attempts.get(0).signature());
        assertThat(count("select attempts from sandbox_webhook_delivery where type = 'checkout.session.completed' "
                + "and delivered_at is not null and payload like ?", "%" + marker + "%")).isEqualTo(3);
    }
}
