package com.smartlinkauto.payment.refunds;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.booking.BookingEventTypes;
import com.smartlinkauto.contracts.events.payment.PaymentEventTypes;
import com.smartlinkauto.payment.BookingServiceStub;
import com.smartlinkauto.payment.PaymentTestSupport;
import com.smartlinkauto.testsupport.kafka.KafkaProbe;

import tools.jackson.databind.JsonNode;

/**
 * booking.events → refunds with the sandbox provider: the cancellation policy's partial amount exact in minor units
 * (EUR and XAF), RefundRequested in full, a replayed event refunded once, never more than was captured, the sandbox's
 * own charge.refunded webhook not counted twice, and a lapsed booking's session expired.
 */
class RefundIT extends PaymentTestSupport {

    private record Paid(BookingServiceStub.Booking booking, String sessionId, String paymentId) {
    }

    /** A booking paid through a signed checkout.session.completed. */
    private Paid paid(String total, String currency) {
        Party renter = renter();
        BookingServiceStub.Booking booking = bookings.held(renter.id(), total, currency);
        String sessionId = checkout(renter, booking.id()).expect(201).text("sessionId");
        long minor = new BigDecimal(total).movePointRight(java.util.Currency.getInstance(currency)
                .getDefaultFractionDigits()).longValueExact();
        String payload = event("evt_" + UUID.randomUUID(), "checkout.session.completed",
                paidSession(sessionId, booking.id(), minor, currency, "pi_sandbox_" + UUID.randomUUID()));
        webhook(payload, sign(payload, SANDBOX_SECRET, Instant.now())).expect(200);
        String paymentId = jdbc.sql("select id::text from payment where booking_id = ?").param(booking.id())
                .query(String.class).single();
        return new Paid(booking, sessionId, paymentId);
    }

    private void awaitRefunded(UUID bookingId, long minor) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select coalesce(sum(amount_minor), 0) from refund where booking_id = ? and status = 'SUCCEEDED'",
                bookingId) == minor);
    }

    @Test
    void aPartialCancellationRefundIsExactInMinorUnitsAndRecordedOnce() {
        Paid p = paid("149.70", "EUR");
        try (KafkaProbe probe = new KafkaProbe(bootstrapServers, Topics.PAYMENT_EVENTS)) {
            UUID eventId = publishBookingEvent(BookingEventTypes.BOOKING_CANCELLED, p.booking().id(),
                    bookingChanged(p.booking(), "CANCELLED", "74.85"));
            JsonNode refunded = probe.awaitEvent(PaymentEventTypes.PAYMENT_REFUNDED, p.booking().id().toString());
            assertThat(refunded.path("payload").path("amount").decimalValue()).isEqualByComparingTo("74.85");
            assertThat(refunded.path("payload").path("totalRefunded").decimalValue()).isEqualByComparingTo("74.85");
            assertThat(refunded.path("payload").path("reason").asString()).isEqualTo("CANCELLATION");
            assertThat(refunded.path("payload").path("paymentId").asString()).isEqualTo(p.paymentId());
            // the same event again (a redelivery): no second refund
            publishBookingEvent(eventId, BookingEventTypes.BOOKING_CANCELLED, p.booking().id(),
                    bookingChanged(p.booking(), "CANCELLED", "74.85"));
        }
        awaitRefunded(p.booking().id(), 7485);
        // the sandbox's own charge.refunded webhook arrives and adds nothing
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from "
                + "sandbox_webhook_delivery where type = 'charge.refunded' and delivered_at is not null "
                + "and payload like ?", "%" + p.booking().id() + "%") == 1);
        assertThat(count("select count(*) from refund where booking_id = ?", p.booking().id())).isEqualTo(1);
        assertThat(count("select refunded_minor from payment where booking_id = ?", p.booking().id())).isEqualTo(7485);
        assertThat(count("select coalesce(sum(amount_minor), 0) from ledger_entry where booking_id = ?",
                p.booking().id())).isEqualTo(7485);
        assertThat(count("select count(*) from ledger_entry where booking_id = ? and kind = 'REFUND' "
                + "and amount_minor = -7485", p.booking().id())).isEqualTo(1);
        JsonNode view = api.get("/api/payments/bookings/" + p.booking().id()).token(party("ADMIN").token()).send()
                .expect(200).json();
        assertThat(view.path("refunded").decimalValue()).isEqualByComparingTo("74.85");
        assertThat(view.path("net").decimalValue()).isEqualByComparingTo("74.85");
    }

    @Test
    void zeroDecimalCurrenciesAreRefundedInWholeUnits() {
        Paid p = paid("45000", "XAF");
        publishBookingEvent(BookingEventTypes.BOOKING_CANCELLED, p.booking().id(),
                bookingChanged(p.booking(), "CANCELLED", "22500"));
        awaitRefunded(p.booking().id(), 22500);
        assertThat(count("select refunded_minor from payment where booking_id = ?", p.booking().id())).isEqualTo(22500);
    }

    @Test
    void refundRequestedGivesThePaymentBackInFullAndNeverMoreThanWasCaptured() {
        Paid p = paid("100.00", "EUR");
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("bookingId", p.booking().id().toString());
        request.put("vehicleId", p.booking().vehicleId().toString());
        request.put("renterId", p.booking().renterId().toString());
        request.put("paymentReference", p.paymentId());
        request.put("amount", new BigDecimal("250.00"));
        request.put("currency", "EUR");
        request.put("reason", "SLOT_TAKEN");
        request.put("bookingStatus", "EXPIRED");
        request.put("requestedAt", Instant.now().toString());
        try (KafkaProbe probe = new KafkaProbe(bootstrapServers, Topics.PAYMENT_EVENTS)) {
            publishBookingEvent(BookingEventTypes.REFUND_REQUESTED, p.booking().id(), request);
            JsonNode refunded = probe.awaitEvent(PaymentEventTypes.PAYMENT_REFUNDED, p.booking().id().toString());
            assertThat(refunded.path("payload").path("amount").decimalValue()).isEqualByComparingTo("100.00");
            assertThat(refunded.path("payload").path("reason").asString()).isEqualTo("SLOT_TAKEN");
        }
        awaitRefunded(p.booking().id(), 10000);
        // a later cancellation refund finds nothing left
        UUID later = publishBookingEvent(BookingEventTypes.BOOKING_CANCELLED, p.booking().id(),
                bookingChanged(p.booking(), "CANCELLED", "50.00"));
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> count("select count(*) from processed_events where event_id = ?", later) == 1);
        assertThat(count("select count(*) from refund where booking_id = ?", p.booking().id())).isEqualTo(1);
        assertThat(count("select refunded_minor from payment where booking_id = ?", p.booking().id())).isEqualTo(10000);
    }

    @Test
    void aLapsedBookingsOpenSessionIsExpired() {
        Party renter = renter();
        BookingServiceStub.Booking booking = bookings.held(renter.id(), "30.00", "EUR");
        String sessionId = checkout(renter, booking.id()).expect(201).text("sessionId");
        publishBookingEvent(BookingEventTypes.BOOKING_EXPIRED, booking.id(), bookingChanged(booking, "EXPIRED", null));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "EXPIRED".equals(sessionStatus(sessionId)));
        String url = jdbc.sql("select checkout_url from checkout_session where provider_session_id = ?")
                .param(sessionId).query(String.class).single();
        api.post(url.substring(url.indexOf("/payments/sandbox/")) + "/pay").form("cardNumber", "4242424242424242")
                .send().expect(409);
    }
}
