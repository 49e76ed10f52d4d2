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
 * {@code booking.events} → the renter's and the partner's notifications: held, confirmed (both), expired,
 * cancelled (the partner only when the booking had been confirmed), trip completed; RefundRequested ignored; each
 * event once however often it is delivered.
 */
@UserServiceIT
class BookingNotificationsIT extends ApiTestSupport {

    private static final Instant PICKUP = Instant.parse("2026-12-10T09:00:00Z");
    private static final Instant RETURN = Instant.parse("2026-12-12T09:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2026-12-04T15:20:00Z");

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcTemplate jdbc;

    private final UUID vehicle = UUID.randomUUID();
    private final String car = vehicle.toString().substring(0, 8);
    private final String dates = PICKUP + " to " + RETURN;

    private JsonNode awaitNotifications(String token, int count) {
        return Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> api.get("/api/users/me/notifications?size=20", token).json(),
                        page -> page.path("totalElements").asInt() == count);
    }

    /** As booking-service's outbox writes it: keyed by the booking, so one booking's events stay in order. */
    private void publish(UUID eventId, String type, UUID booking, Map<String, Object> payload) throws Exception {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("eventId", eventId.toString());
        envelope.put("type", type);
        envelope.put("occurredAt", Instant.now().toString());
        envelope.put("aggregateId", booking.toString());
        envelope.put("version", 1);
        envelope.put("payload", payload);
        kafka.send(Topics.BOOKING_EVENTS, booking.toString(), Api.JSON.writeValueAsBytes(envelope)).get();
    }

    /** A BookingChanged; {@code refund} only on the cancellation of a confirmed booking (absent otherwise). */
    private Map<String, Object> changed(UUID booking, String renter, String partner, String status, long sequence,
            String refund) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("bookingId", booking.toString());
        payload.put("vehicleId", vehicle.toString());
        payload.put("renterId", renter);
        payload.put("partnerId", partner);
        payload.put("status", status);
        payload.put("pickupAt", PICKUP.toString());
        payload.put("returnAt", RETURN.toString());
        payload.put("expiresAt", EXPIRES.toString());
        payload.put("totalPrice", new BigDecimal("45000"));
        payload.put("currency", "XAF");
        payload.put("reason", "CANCELLED".equals(status) ? "plans changed" : null);
        payload.put("sequence", sequence);
        payload.put("changedAt", Instant.now().toString());
        if (refund != null) {
            payload.put("refundAmount", new BigDecimal(refund));
        }
        return payload;
    }

    private Map<String, Object> refundRequested(UUID booking, String renter) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("bookingId", booking.toString());
        payload.put("vehicleId", vehicle.toString());
        payload.put("renterId", renter);
        payload.put("paymentReference", UUID.randomUUID().toString());
        payload.put("amount", new BigDecimal("45000"));
        payload.put("currency", "XAF");
        payload.put("reason", "ALREADY_PAID");
        payload.put("bookingStatus", "CONFIRMED");
        payload.put("requestedAt", Instant.now().toString());
        return payload;
    }

    private record Sent(UUID eventId, String type, UUID booking, Map<String, Object> payload) {
    }

    private static List<String> bodies(JsonNode page) {
        List<String> bodies = new ArrayList<>();
        page.path("items").forEach(item -> bodies.add(item.path("type").asString() + " | "
                + item.path("body").asString()));
        return bodies;
    }

    @Test
    void theRenterAndThePartnerHearOfEachBookingEventOnce() throws Exception {
        Api.Account renter = api.registerRenter();
        Api.Account partner = api.registerPartner();
        String renterToken = api.login(renter).accessToken();
        String partnerToken = api.login(partner).accessToken();
        String r = renter.id();
        String p = partner.id();

        UUID trip = UUID.randomUUID(); // held, confirmed, completed
        UUID lapsed = UUID.randomUUID(); // held, expired
        UUID dropped = UUID.randomUUID(); // cancelled while held: never charged, never the partner's
        UUID withdrawn = UUID.randomUUID(); // cancelled once confirmed: the policy's refund
        List<Sent> sent = List.of(
                new Sent(UUID.randomUUID(), "BookingHeld", trip, changed(trip, r, p, "HELD", 1, null)),
                new Sent(UUID.randomUUID(), "BookingConfirmed", trip, changed(trip, r, p, "CONFIRMED", 2, null)),
                new Sent(UUID.randomUUID(), "BookingCompleted", trip, changed(trip, r, p, "COMPLETED", 3, null)),
                new Sent(UUID.randomUUID(), "BookingExpired", lapsed, changed(lapsed, r, p, "EXPIRED", 2, null)),
                new Sent(UUID.randomUUID(), "BookingCancelled", dropped, changed(dropped, r, p, "CANCELLED", 2,
                        null)),
                new Sent(UUID.randomUUID(), "BookingCancelled", withdrawn, changed(withdrawn, r, p, "CANCELLED", 3,
                        "22500")),
                new Sent(UUID.randomUUID(), "RefundRequested", withdrawn, refundRequested(withdrawn, r)));
        for (Sent event : sent) {
            publish(event.eventId(), event.type(), event.booking(), event.payload());
        }

        String summary = "(vehicle " + car + ", " + dates + ", 45000 XAF)";
        JsonNode renterPage = awaitNotifications(renterToken, 6);
        assertThat(bodies(renterPage)).containsExactlyInAnyOrder(
                "BOOKING_HELD | Booking " + trip + " " + summary + " held until " + EXPIRES + ": pay before then.",
                "BOOKING_CONFIRMED | Booking " + trip + " confirmed: vehicle " + car + ", " + dates + ", 45000 XAF.",
                "TRIP_COMPLETED | Trip of booking " + trip + " completed: vehicle " + car + ", " + dates
                        + ", 45000 XAF.",
                "BOOKING_EXPIRED | Booking " + lapsed + " " + summary + " expired: it was not paid by " + EXPIRES
                        + ". Nothing was charged.",
                "BOOKING_CANCELLED | Booking " + dropped + " " + summary
                        + " cancelled, no charge. Reason: plans changed",
                "BOOKING_CANCELLED | Booking " + withdrawn + " " + summary
                        + " cancelled, refund under the cancellation policy: 22500 XAF. Reason: plans changed");
        JsonNode partnerPage = awaitNotifications(partnerToken, 2);
        assertThat(bodies(partnerPage)).containsExactlyInAnyOrder(
                "BOOKING_CONFIRMED_PARTNER | New confirmed booking " + trip + " of your vehicle " + car + ": pickup "
                        + PICKUP + ", return " + RETURN + ", 45000 XAF.",
                "BOOKING_CANCELLED_PARTNER | Confirmed booking " + withdrawn + " of your vehicle " + car + " ("
                        + dates + ") was cancelled; refund to the renter: 22500 XAF. Reason: plans changed");

        // every event replayed, then a new one after them (the test broker's topics have one partition, so it is
        // read after the replays): only the new one counts
        for (Sent event : sent) {
            publish(event.eventId(), event.type(), event.booking(), event.payload());
        }
        UUID next = UUID.randomUUID();
        publish(UUID.randomUUID(), "BookingConfirmed", next, changed(next, r, p, "CONFIRMED", 2, null));

        awaitNotifications(renterToken, 7);
        awaitNotifications(partnerToken, 3);
        assertThat(jdbc.queryForObject("select count(*) from notifications where user_id in (?::uuid, ?::uuid)",
                Integer.class, r, p)).isEqualTo(10);
        // the six BookingChanged events were handled once each; RefundRequested is ignored unread, not recorded
        assertThat(jdbc.queryForObject("select count(*) from processed_events where consumer = ? and event_id in "
                + "(?, ?, ?, ?, ?, ?, ?)", Integer.class, java.util.stream.Stream.concat(
                        java.util.stream.Stream.of((Object) BookingEventsListener.CONSUMER),
                        sent.stream().map(Sent::eventId)).toArray())).isEqualTo(6);
    }

    @Test
    void aPartyTheEventDoesNotNameIsNotNotified() throws Exception {
        Api.Account renter = api.registerRenter();
        String renterToken = api.login(renter).accessToken();
        UUID confirmed = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        publish(UUID.randomUUID(), "BookingConfirmed", confirmed,
                changed(confirmed, renter.id(), null, "CONFIRMED", 2, null));
        publish(UUID.randomUUID(), "BookingCancelled", cancelled,
                changed(cancelled, renter.id(), null, "CANCELLED", 3, "0"));

        JsonNode page = awaitNotifications(renterToken, 2);
        assertThat(bodies(page)).anySatisfy(body -> assertThat(body).startsWith("BOOKING_CONFIRMED | "))
                .anySatisfy(body -> assertThat(body).startsWith("BOOKING_CANCELLED | ")
                        .contains("refund under the cancellation policy: 0 XAF."));
    }

    @Test
    void anEventNamingNoAccountHereIsHandledAndTellsNoOne() throws Exception {
        Api.Account renter = api.registerRenter();
        String renterToken = api.login(renter).accessToken();
        UUID stranger = UUID.randomUUID();
        UUID foreign = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        publish(eventId, "BookingConfirmed", foreign,
                changed(foreign, stranger.toString(), stranger.toString(), "CONFIRMED", 2, null));
        UUID mine = UUID.randomUUID();
        publish(UUID.randomUUID(), "BookingHeld", mine, changed(mine, renter.id(), null, "HELD", 1, null));

        // the record after it is read (one partition): the unknown account's event did not block the topic
        awaitNotifications(renterToken, 1);
        assertThat(jdbc.queryForObject("select count(*) from processed_events where consumer = ? and event_id = ?",
                Integer.class, BookingEventsListener.CONSUMER, eventId)).as("handled, not retried or parked")
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from notifications where user_id = ?", Integer.class,
                stranger)).isZero();
    }
}
