package com.smartlinkauto.payment.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.payment.PaymentEventTypes;
import com.smartlinkauto.payment.BookingServiceStub;
import com.smartlinkauto.payment.PaymentTestSupport;
import com.smartlinkauto.testsupport.kafka.KafkaProbe;

import tools.jackson.databind.JsonNode;

/**
 * The sandbox provider end to end inside the service: its checkout page, Stripe's test cards, and the signed webhook
 * it delivers to the service's own endpoint, which records the payment or the failed attempt.
 */
class SandboxIT extends PaymentTestSupport {

    private String page(String checkoutUrl) {
        return checkoutUrl.substring(checkoutUrl.indexOf("/payments/sandbox/"));
    }

    @Test
    void payingWith4242DeliversASignedWebhookThatRecordsThePayment() {
        Party renter = renter();
        BookingServiceStub.Booking booking = bookings.held(renter.id(), "149.70", "EUR");
        JsonNode session = checkout(renter, booking.id()).expect(201).json();
        String path = page(session.path("checkoutUrl").asString());
        String sessionId = session.path("sessionId").asString();

        var form = api.get(path).send().expect(200);
        assertThat(form.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(form.header("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("default-src 'none'").contains("form-action 'self'")
                        .doesNotContain("unsafe-inline"));
        // a browser sends the Pay form's POST with its real Origin (no-referrer would make it "null", which the
        // gateway's CORS check refuses), and the session's URL never leaves for another origin
        assertThat(form.header("Referrer-Policy")).contains("same-origin");
        String trip = "http://127.0.0.1:8080/trips/" + booking.id();
        assertThat(form.body()).contains("149.70 EUR").contains(booking.id().toString()).contains("name=\"cardNumber\"")
                .doesNotContain("<script");
        // the only absolute URL on the page is the way back to the web UI's trip page without paying
        assertThat(form.body()).contains("<a id=\"cancel\" href=\"" + trip + "?checkout=cancelled\">");
        assertThat(form.body().replace(trip + "?checkout=cancelled", "")).doesNotContain("http://", "https://");
        api.get("/payments/sandbox/checkout/cs_test_sandbox_unknown").send().problem(404, "not-found");
        api.get("/payments/sandbox/checkout/cs_test_sandbox_unknown").header("Accept", "text/html").send().expect(404);
        api.get("/payments/sandbox/checkout/%3Cscript%3E").send().expect(404);

        try (KafkaProbe probe = new KafkaProbe(bootstrapServers, Topics.PAYMENT_EVENTS)) {
            var paid = api.post(path + "/pay").form("cardNumber", "4242 4242 4242 4242").send().expect(200);
            assertThat(paid.body()).contains("Payment received")
                    .contains("<a id=\"continue\" href=\"" + trip + "?checkout=success\">");
            JsonNode event = probe.awaitEvent(PaymentEventTypes.PAYMENT_SUCCEEDED, booking.id().toString());
            assertThat(event.path("payload").path("amount").decimalValue()).isEqualByComparingTo("149.70");
            assertThat(event.path("payload").path("providerPaymentId").asString()).startsWith("pi_sandbox_");
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(sessionStatus(sessionId)));
        assertThat(count("select count(*) from payment where booking_id = ?", booking.id())).isEqualTo(1);
        assertThat(count("select count(*) from ledger_entry where booking_id = ? and amount_minor = 14970",
                booking.id())).isEqualTo(1);
        // paid once only
        api.post(path + "/pay").form("cardNumber", "4242424242424242").send().expect(409);
        api.get(path).send().expect(409);
    }

    /** A real checkout never holds its webhook back: only a sandbox with allow-webhook-delay on does (the e2e's). */
    @Test
    void aPayFormCannotHoldItsWebhookBackUnlessTheSandboxAllowsIt() {
        Party renter = renter();
        BookingServiceStub.Booking booking = bookings.held(renter.id(), "60.00", "EUR");
        JsonNode session = checkout(renter, booking.id()).expect(201).json();
        String path = page(session.path("checkoutUrl").asString());
        var refused = api.post(path + "/pay").body("cardNumber=4242424242424242&webhookDelaySeconds=30",
                "application/x-www-form-urlencoded").send().expect(400);
        assertThat(refused.body()).contains("allow-webhook-delay");
        assertThat(count("select count(*) from sandbox_webhook_delivery where session_id = (select id from "
                + "checkout_session where provider_session_id = ?)", session.path("sessionId").asString()))
                .as("nothing queued").isZero();
        api.post(path + "/pay").body("cardNumber=4242424242424242&webhookDelaySeconds=x",
                "application/x-www-form-urlencoded").send().expect(400);
        api.get(path).send().expect(200);
    }

    @Test
    void declinedCardsPublishPaymentFailedAndLeaveTheSessionOpen() {
        Party renter = renter();
        BookingServiceStub.Booking booking = bookings.held(renter.id(), "45000", "XAF");
        JsonNode session = checkout(renter, booking.id()).expect(201).json();
        String path = page(session.path("checkoutUrl").asString());

        try (KafkaProbe probe = new KafkaProbe(bootstrapServers, Topics.PAYMENT_EVENTS)) {
            // a browser gets the page again with the message; any other caller problem+json
            var declined = api.post(path + "/pay").header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                    .form("cardNumber", "4000 0000 0000 0002").send().expect(402);
            assertThat(declined.body()).contains("declined").contains("name=\"cardNumber\"");
            JsonNode failed = probe.awaitEvent(PaymentEventTypes.PAYMENT_FAILED, booking.id().toString());
            assertThat(failed.path("payload").path("failureCode").asString()).isEqualTo("generic_decline");
            assertThat(failed.path("payload").path("amount").decimalValue()).isEqualByComparingTo("45000");

            var insufficient = api.post(path + "/pay").form("cardNumber", "4000000000009995").send().expect(402);
            assertThat(insufficient.header("Content-Type")).hasValue("application/problem+json");
            assertThat(insufficient.json().path("detail").asString()).contains("insufficient funds");
            assertThat(insufficient.json().path("status").asInt()).isEqualTo(402);
            probe.await(r -> booking.id().toString().equals(r.key())
                    && "insufficient_funds".equals(KafkaProbe.json(r).path("payload").path("failureCode").asString()));
        }
        var invalid = api.post(path + "/pay").header("Accept", "text/html").form("cardNumber", "1234 5678").send()
                .expect(400);
        assertThat(invalid.body()).contains("invalid card");
        assertThat(api.post(path + "/pay").form("cardNumber", "1234 5678").send().problem(400, "malformed-request")
                .json().path("detail").asString()).contains("invalid card");
        api.post(path + "/pay").form("cardNumber", "<b>x</b>").send().expect(400);
        assertThat(sessionStatus(session.path("sessionId").asString())).isEqualTo("OPEN");
        assertThat(count("select count(*) from payment where booking_id = ?", booking.id())).isZero();
        // the renter may still pay
        api.post(path + "/pay").form("cardNumber", "4242424242424242").send().expect(200);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> count("select count(*) from payment where booking_id = ?", booking.id()) == 1);
    }

    @Test
    void aSessionOfAnotherBookingCannotBeReachedByGuessing() {
        api.post("/payments/sandbox/checkout/cs_test_sandbox_" + UUID.randomUUID().toString().replace("-", "")
                + "/pay").form("cardNumber", "4242424242424242").send().expect(404);
    }
}
