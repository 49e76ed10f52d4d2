package com.smartlinkauto.payment.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.payment.PaymentEventTypes;
import com.smartlinkauto.payment.BookingServiceStub;
import com.smartlinkauto.payment.PaymentTestSupport;
import com.smartlinkauto.testsupport.kafka.KafkaProbe;

import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/payments/webhook}: only correctly signed, fresh events are applied; each once; in any order; a
 * change that cannot be stored answers 5xx with nothing half-applied; the ledger cannot be changed afterwards; and a
 * booking's payments are shown to its parties only.
 */
class WebhookIT extends PaymentTestSupport {

    /** A booking with an open sandbox session: its booking and the provider's session id. */
    private record Started(BookingServiceStub.Booking booking, Party renter, String sessionId) {
    }

    private Started started(String total, String currency) {
        Party renter = renter();
        BookingServiceStub.Booking booking = bookings.held(renter.id(), total, currency);
        String sessionId = checkout(renter, booking.id()).expect(201).text("sessionId");
        return new Started(booking, renter, sessionId);
    }

    private String completed(Started s, long minor) {
        return event("evt_" + UUID.randomUUID(), "checkout.session.completed",
                paidSession(s.sessionId(), s.booking().id(), minor, s.booking().currency(), "pi_" + UUID.randomUUID()));
    }

    @Test
    void aValidlySignedPaymentIsStoredOncePublishedAndInTheLedger() {
        Started s = started("149.70", "EUR");
        String payload = completed(s, 14970);
        try (KafkaProbe probe = new KafkaProbe(bootstrapServers, Topics.PAYMENT_EVENTS)) {
            JsonNode answer = webhook(payload, sign(payload, SANDBOX_SECRET, Instant.now())).expect(200).json();
            assertThat(answer.path("duplicate").asBoolean()).isFalse();
            assertThat(sessionStatus(s.sessionId())).isEqualTo("COMPLETED");
            JsonNode event = probe.awaitEvent(PaymentEventTypes.PAYMENT_SUCCEEDED, s.booking().id().toString());
            assertThat(event.path("payload").path("amount").decimalValue()).isEqualByComparingTo("149.70");
            assertThat(event.path("payload").path("currency").asString()).isEqualTo("EUR");
            assertThat(event.path("payload").path("provider").asString()).isEqualTo("sandbox");
            String paymentId = event.path("payload").path("paymentId").asString();
            assertThat(count("select count(*) from payment where id = ?::uuid and amount_minor = 14970", paymentId))
                    .isEqualTo(1);
        }
        // the same event again (Stripe redelivers): acknowledged, nothing changes
        JsonNode again = webhook(payload, sign(payload, SANDBOX_SECRET, Instant.now())).expect(200).json();
        assertThat(again.path("duplicate").asBoolean()).isTrue();
        assertThat(count("select count(*) from payment where booking_id = ?", s.booking().id())).isEqualTo(1);
        assertThat(count("select count(*) from ledger_entry where booking_id = ? and kind = 'PAYMENT' "
                + "and amount_minor = 14970", s.booking().id())).isEqualTo(1);
        assertThat(count("select count(*) from event_publication where serialized_event like ?",
                "%" + s.booking().id() + "%")).isLessThanOrEqualTo(1);

        // the booking's parties see it; anyone else does not
        JsonNode view = api.get("/api/payments/bookings/" + s.booking().id()).token(s.renter().token()).send()
                .expect(200).json();
        assertThat(view.path("captured").decimalValue()).isEqualByComparingTo("149.70");
        assertThat(view.path("net").decimalValue()).isEqualByComparingTo("149.70");
        assertThat(view.path("payments")).hasSize(1);
        String partner = com.smartlinkauto.testsupport.security.TestTokens.token(s.booking().partnerId(),
                java.util.List.of("PARTNER"), java.time.Duration.ofMinutes(5));
        api.get("/api/payments/bookings/" + s.booking().id()).token(partner).send().expect(200);
        api.get("/api/payments/bookings/" + s.booking().id()).token(party("ADMIN").token()).send().expect(200);
        api.get("/api/payments/bookings/" + s.booking().id()).token(renter().token()).send().problem(404, "not-found");
        api.get("/api/payments/bookings/" + s.booking().id()).token(party("PARTNER").token()).send()
                .problem(404, "not-found");
        api.get("/api/payments/bookings/" + s.booking().id()).send().expect(401);
        api.get("/api/payments/bookings/nope").token(s.renter().token()).send().expect(400);
    }

    @Test
    void forgedMissingOrStaleSignaturesAreRefusedAndNothingIsStored() {
        Started s = started("80.00", "EUR");
        String payload = completed(s, 8000);
        webhook(payload, null).problem(400, "invalid-webhook");
        webhook(payload, sign(payload, "whsec_someone_else", Instant.now())).problem(400, "invalid-webhook");
        webhook(payload, sign(payload, SANDBOX_SECRET, Instant.now().minusSeconds(400))).problem(400,
                "invalid-webhook");
        // signed, then changed
        String signature = sign(payload, SANDBOX_SECRET, Instant.now());
        webhook(payload.replace("8000", "1"), signature).problem(400, "invalid-webhook");
        // signed, but not an event
        webhook("[1,2]", sign("[1,2]", SANDBOX_SECRET, Instant.now())).problem(400, "invalid-webhook");
        assertThat(count("select count(*) from webhook_event")).isGreaterThanOrEqualTo(0);
        assertThat(count("select count(*) from payment where booking_id = ?", s.booking().id())).isZero();
        assertThat(sessionStatus(s.sessionId())).isEqualTo("OPEN");
    }

    @Test
    void aPaymentAfterTheExpiryStillCompletesAndAnExpiryAfterThePaymentChangesNothing() {
        Started s = started("54.89", "EUR");
        String expired = event("evt_" + UUID.randomUUID(), "checkout.session.expired",
                Map.of("id", s.sessionId(), "object", "checkout.session", "status", "expired", "payment_status",
                        "unpaid"));
        webhook(expired, sign(expired, SANDBOX_SECRET, Instant.now())).expect(200);
        assertThat(sessionStatus(s.sessionId())).isEqualTo("EXPIRED");

        try (KafkaProbe probe = new KafkaProbe(bootstrapServers, Topics.PAYMENT_EVENTS)) {
            String payload = completed(s, 5489);
            webhook(payload, sign(payload, SANDBOX_SECRET, Instant.now())).expect(200);
            assertThat(sessionStatus(s.sessionId())).isEqualTo("COMPLETED");
            probe.awaitEvent(PaymentEventTypes.PAYMENT_SUCCEEDED, s.booking().id().toString());
        }
        String late = event("evt_" + UUID.randomUUID(), "checkout.session.expired",
                Map.of("id", s.sessionId(), "object", "checkout.session", "status", "expired"));
        webhook(late, sign(late, SANDBOX_SECRET, Instant.now())).expect(200);
        assertThat(sessionStatus(s.sessionId())).isEqualTo("COMPLETED");
    }

    @Test
    void unknownTypesAreAcknowledgedAndIgnored() {
        String payload = event("evt_" + UUID.randomUUID(), "customer.created",
                Map.of("id", "cus_1", "object", "customer"));
        assertThat(webhook(payload, sign(payload, SANDBOX_SECRET, Instant.now())).expect(200).text("outcome"))
                .isEqualTo("ignored");
    }

    @Test
    void aChangeThatCannotBeStoredIs5xxAndNothingIsHalfApplied() {
        Started s = started("80.00", "EUR");
        String payload = completed(s, 8000);
        jdbc.sql("create or replace function it_refuse_payment() returns trigger language plpgsql as "
                + "$$ begin raise exception 'disk full (test)'; end; $$").update();
        jdbc.sql("create trigger it_refuse_payment before insert on payment for each row "
                + "execute function it_refuse_payment()").update();
        try {
            webhook(payload, sign(payload, SANDBOX_SECRET, Instant.now())).problem(500, "webhook-not-stored");
            assertThat(sessionStatus(s.sessionId())).isEqualTo("OPEN");
            assertThat(count("select count(*) from webhook_event where event_id = ?",
                    JSON.readTree(payload).path("id").asString())).isZero();
        }
        finally {
            jdbc.sql("drop trigger it_refuse_payment on payment").update();
        }
        // the provider sends it again: now it goes through
        webhook(payload, sign(payload, SANDBOX_SECRET, Instant.now())).expect(200);
        assertThat(sessionStatus(s.sessionId())).isEqualTo("COMPLETED");
        assertThat(count("select count(*) from payment where booking_id = ?", s.booking().id())).isEqualTo(1);
    }

    @Test
    void aRefundMadeAtTheProviderIsRecordedOnceAndTheLedgerCannotBeChanged() {
        Started s = started("100.00", "EUR");
        String intent = "pi_" + UUID.randomUUID();
        String paid = event("evt_" + UUID.randomUUID(), "checkout.session.completed",
                paidSession(s.sessionId(), s.booking().id(), 10000, "EUR", intent));
        webhook(paid, sign(paid, SANDBOX_SECRET, Instant.now())).expect(200);

        Map<String, Object> charge = Map.of("id", "ch_1", "object", "charge", "amount", 10000, "amount_refunded", 2500,
                "currency", "eur", "payment_intent", intent);
        try (KafkaProbe probe = new KafkaProbe(bootstrapServers, Topics.PAYMENT_EVENTS)) {
            String refunded = event("evt_" + UUID.randomUUID(), "charge.refunded", charge);
            webhook(refunded, sign(refunded, SANDBOX_SECRET, Instant.now())).expect(200);
            JsonNode event = probe.awaitEvent(PaymentEventTypes.PAYMENT_REFUNDED, s.booking().id().toString());
            assertThat(event.path("payload").path("amount").decimalValue()).isEqualByComparingTo("25.00");
            assertThat(event.path("payload").path("reason").asString()).isEqualTo("PROVIDER");
        }
        // another event reporting the same total adds nothing
        String same = event("evt_" + UUID.randomUUID(), "charge.refunded", charge);
        webhook(same, sign(same, SANDBOX_SECRET, Instant.now())).expect(200);
        assertThat(count("select coalesce(sum(amount_minor), 0) from ledger_entry where booking_id = ?",
                s.booking().id())).isEqualTo(7500);
        assertThat(count("select refunded_minor from payment where booking_id = ?", s.booking().id())).isEqualTo(2500);

        assertThatThrownBy(() -> jdbc.sql("update ledger_entry set amount_minor = 1 where booking_id = ?")
                .param(s.booking().id()).update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from ledger_entry where booking_id = ?").param(s.booking().id())
                .update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate ledger_entry cascade").update())
                .hasMessageContaining("append-only");
        assertThat(count("select count(*) from ledger_entry where booking_id = ?", s.booking().id())).isEqualTo(2);
    }
}
