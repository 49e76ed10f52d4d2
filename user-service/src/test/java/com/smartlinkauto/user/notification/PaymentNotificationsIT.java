package com.smartlinkauto.user.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.user.Api;
import com.smartlinkauto.user.ApiTestSupport;
import com.smartlinkauto.user.UserServiceIT;

import tools.jackson.databind.JsonNode;

/**
 * {@code payment.events} → the renter's and the partner's notifications: paid (both), failed (renter only),
 * refunded (both), each event once however often it is delivered.
 */
@UserServiceIT
class PaymentNotificationsIT extends ApiTestSupport {

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcTemplate jdbc;

    private final UUID booking = UUID.randomUUID();
    private final UUID payment = UUID.randomUUID();

    private JsonNode awaitNotifications(String token, int count) {
        return Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> api.get("/api/users/me/notifications?size=20", token).json(),
                        page -> page.path("totalElements").asInt() == count);
    }

    /** As payment-service's outbox writes it: keyed by the booking, so one booking's events stay in order. */
    private void publish(UUID eventId, String type, Map<String, Object> payload) throws Exception {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("eventId", eventId.toString());
        envelope.put("type", type);
        envelope.put("occurredAt", Instant.now().toString());
        envelope.put("aggregateId", booking.toString());
        envelope.put("version", 1);
        envelope.put("payload", payload);
        kafka.send(Topics.PAYMENT_EVENTS, booking.toString(), Api.JSON.writeValueAsBytes(envelope)).get();
    }

    private Map<String, Object> succeeded(String renter, String partner) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("paymentId", payment.toString());
        payload.put("bookingId", booking.toString());
        payload.put("renterId", renter);
        payload.put("partnerId", partner);
        payload.put("vehicleId", UUID.randomUUID().toString());
        payload.put("amount", new BigDecimal("45000"));
        payload.put("currency", "XAF");
        payload.put("provider", "sandbox");
        payload.put("providerPaymentId", null);
        payload.put("paidAt", Instant.now().toString());
        return payload;
    }

    private Map<String, Object> failed(String renter, String partner) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("paymentId", UUID.randomUUID().toString());
        payload.put("bookingId", booking.toString());
        payload.put("renterId", renter);
        payload.put("partnerId", partner);
        payload.put("amount", new BigDecimal("45000"));
        payload.put("currency", "XAF");
        payload.put("failureCode", "card_declined");
        payload.put("message", "Your card was declined.");
        payload.put("failedAt", Instant.now().toString());
        return payload;
    }

    private Map<String, Object> refunded(String renter, String partner, String amount, String total) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("refundId", UUID.randomUUID().toString());
        payload.put("paymentId", payment.toString());
        payload.put("bookingId", booking.toString());
        payload.put("renterId", renter);
        payload.put("partnerId", partner);
        payload.put("vehicleId", null);
        payload.put("amount", new BigDecimal(amount));
        payload.put("currency", "XAF");
        payload.put("totalRefunded", new BigDecimal(total));
        payload.put("reason", "CANCELLATION");
        payload.put("refundedAt", Instant.now().toString());
        return payload;
    }

    private static List<String> bodies(JsonNode page) {
        List<String> bodies = new ArrayList<>();
        page.path("items").forEach(item -> bodies.add(item.path("type").asString() + " | "
                + item.path("body").asString()));
        return bodies;
    }

    @Test
    void theRenterAndThePartnerHearOfEachPaymentEventOnce() throws Exception {
        Api.Account renter = api.registerRenter();
        Api.Account partner = api.registerPartner();
        String renterToken = api.login(renter).accessToken();
        String partnerToken = api.login(partner).accessToken();

        UUID declined = UUID.randomUUID();
        UUID paid = UUID.randomUUID();
        UUID refund = UUID.randomUUID();
        Map<String, Object> failedPayload = failed(renter.id(), partner.id());
        Map<String, Object> paidPayload = succeeded(renter.id(), partner.id());
        Map<String, Object> refundPayload = refunded(renter.id(), partner.id(), "22500", "22500");
        publish(declined, "PaymentFailed", failedPayload);
        publish(paid, "PaymentSucceeded", paidPayload);
        publish(refund, "PaymentRefunded", refundPayload);

        JsonNode renterPage = awaitNotifications(renterToken, 3);
        assertThat(bodies(renterPage)).containsExactlyInAnyOrder(
                "PAYMENT_FAILED | Your payment of 45000 XAF for booking " + booking
                        + " did not go through: Your card was declined. You can try again while your hold lasts.",
                "PAYMENT_RECEIVED | Payment received: 45000 XAF for booking " + booking + ".",
                "PAYMENT_REFUNDED | Refund of 22500 XAF for booking " + booking + ".");
        JsonNode partnerPage = awaitNotifications(partnerToken, 2);
        assertThat(bodies(partnerPage)).containsExactlyInAnyOrder(
                "BOOKING_PAID | Booking " + booking + " paid: 45000 XAF.",
                "BOOKING_REFUNDED | Refund of 22500 XAF on booking " + booking + ".");

        // every event replayed, then a new one after them on the same partition (one key): only the new one counts
        publish(declined, "PaymentFailed", failedPayload);
        publish(paid, "PaymentSucceeded", paidPayload);
        publish(refund, "PaymentRefunded", refundPayload);
        publish(UUID.randomUUID(), "PaymentRefunded", refunded(renter.id(), partner.id(), "22500", "45000"));

        awaitNotifications(renterToken, 4);
        awaitNotifications(partnerToken, 3);
        assertThat(jdbc.queryForObject("select count(*) from notifications where user_id in (?::uuid, ?::uuid)",
                Integer.class, renter.id(), partner.id())).isEqualTo(7);
        assertThat(jdbc.queryForObject("select count(*) from processed_events where consumer = ? and event_id in "
                + "(?, ?, ?)", Integer.class, PaymentEventsListener.CONSUMER, declined, paid, refund)).isEqualTo(3);
    }

    @Test
    void aPartyTheEventDoesNotNameIsNotNotified() throws Exception {
        Api.Account renter = api.registerRenter();
        String renterToken = api.login(renter).accessToken();
        publish(UUID.randomUUID(), "PaymentSucceeded", succeeded(renter.id(), null));
        publish(UUID.randomUUID(), "PaymentRefunded", refunded(renter.id(), null, "45000", "45000"));

        JsonNode page = awaitNotifications(renterToken, 2);
        assertThat(bodies(page)).anySatisfy(body -> assertThat(body).startsWith("PAYMENT_RECEIVED"))
                .anySatisfy(body -> assertThat(body).startsWith("PAYMENT_REFUNDED | Refund of 45000 XAF"));
    }
}
