package com.smartlinkauto.payment.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.booking.BookingEventTypes;
import com.smartlinkauto.contracts.events.payment.PaymentEventTypes;
import com.smartlinkauto.payment.BookingServiceStub;
import com.smartlinkauto.payment.PaymentTestSupport;
import com.smartlinkauto.testsupport.kafka.KafkaProbe;

import tools.jackson.databind.JsonNode;

/**
 * The {@code stripe} provider: stripe-java against a local stub of Stripe's API. The Checkout Session's form fields
 * (amount in minor units, currency, metadata, URLs, expiry, idempotency key), the webhook signed with the Stripe
 * secret through the same handler, the expire call when a booking lapses, and a refund that fails once and is then
 * made exactly once with the same idempotency key.
 */
@TestPropertySource(properties = { "payments.stripe.secret-key=sk_test_it_only",
        "payments.stripe.webhook-secret=whsec_stripe_it_only", "payments.stripe.max-network-retries=0",
        "payments.refunds.initial-backoff=500ms", "payments.refunds.retry-interval=200ms",
        // its own consumer group: the sandbox ITs' context (kept by Spring's context cache) consumes booking.events
        // too, and leaves alone what Stripe captured
        "payments.bookings-consumer=payment-service.bookings.stripe-it" })
class StripeIT extends PaymentTestSupport {

    private static final String STRIPE_SECRET = "whsec_stripe_it_only";
    private static final StripeStub stripe = new StripeStub();

    @DynamicPropertySource
    static void stripeApi(DynamicPropertyRegistry registry) {
        registry.add("payments.stripe.api-base", stripe::baseUrl);
    }

    @AfterAll
    static void stop() {
        stripe.close();
    }

    @Test
    void aCheckoutIsAStripeSessionAndItsSignedWebhookRecordsThePaymentWhichIsRefundedOnce() {
        Party renter = renter();
        BookingServiceStub.Booking booking = bookings.held(renter.id(), "149.70", "EUR");
        JsonNode created = checkout(renter, booking.id()).expect(201).json();
        assertThat(created.path("provider").asString()).isEqualTo("stripe");
        String sessionId = created.path("sessionId").asString();
        assertThat(created.path("checkoutUrl").asString()).isEqualTo("https://checkout.stripe.com/c/pay/" + sessionId);

        StripeStub.Call call = stripe.calls("/v1/checkout/sessions").stream()
                .filter(c -> booking.id().toString().equals(c.form().get("client_reference_id"))).findFirst()
                .orElseThrow();
        Map<String, String> form = call.form();
        assertThat(form).containsEntry("mode", "payment")
                .containsEntry("line_items[0][quantity]", "1")
                .containsEntry("line_items[0][price_data][unit_amount]", "14970")
                .containsEntry("line_items[0][price_data][currency]", "eur")
                .containsEntry("line_items[0][price_data][product_data][name]", "Booking " + booking.id())
                .containsEntry("metadata[bookingId]", booking.id().toString())
                .containsEntry("payment_intent_data[metadata][bookingId]", booking.id().toString())
                // back to the web UI's trip page (web-ui's route /trips/:id reads checkout=success|cancelled)
                .containsEntry("success_url", "http://127.0.0.1:8080/trips/" + booking.id() + "?checkout=success")
                .containsEntry("cancel_url", "http://127.0.0.1:8080/trips/" + booking.id() + "?checkout=cancelled");
        assertThat(Long.parseLong(form.get("expires_at")))
                .isCloseTo(Instant.now().plus(Duration.ofMinutes(30)).getEpochSecond(), within(60L));
        assertThat(call.idempotencyKey()).isEqualTo("checkout-" + booking.id() + "-1");
        assertThat(call.authorization()).isEqualTo("Bearer sk_test_it_only");
        // the open session again: no second session at Stripe
        checkout(renter, booking.id()).expect(200);
        assertThat(stripe.calls("/v1/checkout/sessions").stream()
                .filter(c -> booking.id().toString().equals(c.form().get("client_reference_id")))).hasSize(1);

        String intent = "pi_" + UUID.randomUUID();
        String paid = event("evt_" + UUID.randomUUID(), "checkout.session.completed",
                paidSession(sessionId, booking.id(), 14970, "EUR", intent));
        webhook(paid, sign(paid, SANDBOX_SECRET, Instant.now())).problem(400, "invalid-webhook");
        webhook(paid, sign(paid, STRIPE_SECRET, Instant.now())).expect(200);
        assertThat(sessionStatus(sessionId)).isEqualTo("COMPLETED");

        stripe.failRefunds(1);
        try (KafkaProbe probe = new KafkaProbe(bootstrapServers, Topics.PAYMENT_EVENTS)) {
            publishBookingEvent(BookingEventTypes.BOOKING_CANCELLED, booking.id(),
                    bookingChanged(booking, "CANCELLED", "149.70"));
            JsonNode refunded = probe.awaitEvent(PaymentEventTypes.PAYMENT_REFUNDED, booking.id().toString());
            assertThat(refunded.path("payload").path("amount").decimalValue()).isEqualByComparingTo("149.70");
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from refund where booking_id = ? and status = 'SUCCEEDED'", booking.id()) == 1);
        var refundCalls = stripe.calls("/v1/refunds").stream()
                .filter(c -> intent.equals(c.form().get("payment_intent"))).toList();
        assertThat(refundCalls).hasSize(2);
        assertThat(refundCalls).allSatisfy(c -> assertThat(c.form()).containsEntry("amount", "14970"));
        assertThat(refundCalls.get(0).idempotencyKey()).startsWith("refund-").isEqualTo(refundCalls.get(1).idempotencyKey());
        assertThat(count("select attempts from refund where booking_id = ?", booking.id())).isEqualTo(2);
        assertThat(count("select refunded_minor from payment where booking_id = ?", booking.id())).isEqualTo(14970);
        assertThat(count("select count(*) from ledger_entry where booking_id = ? and kind = 'REFUND'", booking.id()))
                .isEqualTo(1);
    }

    @Test
    void aLapsedBookingsSessionIsExpiredThroughTheApi() {
        Party renter = renter();
        BookingServiceStub.Booking booking = bookings.held(renter.id(), "45000", "XAF");
        String sessionId = checkout(renter, booking.id()).expect(201).text("sessionId");
        assertThat(stripe.calls("/v1/checkout/sessions").stream()
                .filter(c -> booking.id().toString().equals(c.form().get("client_reference_id")))
                .map(c -> c.form().get("line_items[0][price_data][unit_amount]"))).containsExactly("45000");

        publishBookingEvent(BookingEventTypes.BOOKING_EXPIRED, booking.id(), bookingChanged(booking, "EXPIRED", null));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "EXPIRED".equals(sessionStatus(sessionId)));
        assertThat(stripe.calls("/v1/checkout/sessions/" + sessionId + "/expire")).hasSize(1);
        // no sandbox page with Stripe
        api.get("/payments/sandbox/checkout/cs_test_sandbox_x").send().expect(404);
    }
}
