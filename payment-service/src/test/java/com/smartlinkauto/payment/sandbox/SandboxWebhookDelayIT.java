package com.smartlinkauto.payment.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import com.smartlinkauto.payment.BookingServiceStub;
import com.smartlinkauto.payment.PaymentTestSupport;

import tools.jackson.databind.JsonNode;

/**
 * With {@code payments.sandbox.allow-webhook-delay} on (the e2e settings), the Pay form may hold its webhook back
 * for a while: a payment whose webhook reaches the service after the hold lapsed, on demand. Bounded (0-300 s).
 */
@TestPropertySource(properties = { "payments.sandbox.allow-webhook-delay=true",
        "payments.bookings-consumer=payment-service.bookings.webhook-delay-it" })
class SandboxWebhookDelayIT extends PaymentTestSupport {

    @Test
    void aHeldBackWebhookIsDeliveredAfterItsDelayAndNotBefore() {
        Party renter = renter();
        BookingServiceStub.Booking booking = bookings.held(renter.id(), "80.00", "EUR");
        JsonNode session = checkout(renter, booking.id()).expect(201).json();
        String checkoutUrl = session.path("checkoutUrl").asString();
        String path = checkoutUrl.substring(checkoutUrl.indexOf("/payments/sandbox/"));
        String sessionId = session.path("sessionId").asString();

        api.post(path + "/pay").body("cardNumber=4242424242424242&webhookDelaySeconds=301",
                "application/x-www-form-urlencoded").send().expect(400);
        api.post(path + "/pay").body("cardNumber=4242424242424242&webhookDelaySeconds=-1",
                "application/x-www-form-urlencoded").send().expect(400);

        Instant paidAt = Instant.now();
        api.post(path + "/pay").body("cardNumber=4242424242424242&webhookDelaySeconds=4",
                "application/x-www-form-urlencoded").send().expect(200);
        Timestamp due = jdbc.sql("select next_attempt_at from sandbox_webhook_delivery where session_id = "
                + "(select id from checkout_session where provider_session_id = ?)").param(sessionId)
                .query(Timestamp.class).single();
        assertThat(due.toInstant()).isAfterOrEqualTo(paidAt.plusSeconds(3));
        // held back: still OPEN two seconds later (deliveries run every 200 ms here), then COMPLETED
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> "OPEN".equals(sessionStatus(sessionId)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(sessionStatus(sessionId)));
        assertThat(count("select count(*) from payment where booking_id = ?", booking.id())).isEqualTo(1);
    }
}
