package com.smartlinkauto.payment;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.testsupport.IntegrationTest;
import com.smartlinkauto.testsupport.security.TestTokens;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every payment-service IT starts from: the service on a random port against real PostgreSQL and an embedded
 * Kafka, booking-service's internal read as a real HTTP stub ({@link BookingServiceStub}), the sandbox's webhooks
 * through a recording proxy ({@link WebhookProxy}; every sandbox IT shares one configuration, so one application
 * context, whose jobs and consumers are the only ones at work), renters' tokens, events
 * signed as Stripe signs them (computed here independently of stripe-java), and booking events put on
 * {@code booking.events} as booking-service would.
 */
@IntegrationTest
@Import(TestTokens.Decoder.class)
public abstract class PaymentTestSupport {

    protected static final BookingServiceStub bookings = BookingServiceStub.shared();
    /** The sandbox delivers its webhooks through this proxy (which forwards them to the service). */
    protected static final WebhookProxy webhooks = WebhookProxy.shared();
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    /** application.yml's sandbox secret, which the ITs do not override. */
    protected static final String SANDBOX_SECRET = "whsec_sandbox_local_only";

    @DynamicPropertySource
    static void bookingService(DynamicPropertyRegistry registry) {
        registry.add("payments.bookings.base-url", bookings::baseUrl);
        registry.add("payments.sandbox.webhook-url", webhooks::url);
        // no sweep during a test: every delivery the tests wait for must come from a wake-up
        registry.add("payments.sandbox.delivery-interval", () -> "1h");
        registry.add("payments.sandbox.delivery-tick", () -> "100ms");
    }

    @Value("${local.server.port}")
    protected int port;

    @Value("${spring.kafka.bootstrap-servers}")
    protected String bootstrapServers;

    @Autowired
    protected JdbcClient jdbc;

    protected PaymentApi api;

    @BeforeEach
    void client() {
        api = new PaymentApi(port);
        webhooks.target(port);
    }

    /** A user: their id and a token with their roles. */
    public record Party(UUID id, String token) {
    }

    protected static Party party(String... roles) {
        UUID id = UUID.randomUUID();
        return new Party(id, TestTokens.token(id, List.of(roles), Duration.ofMinutes(30)));
    }

    protected static Party renter() {
        return party("RENTER");
    }

    protected PaymentApi.Reply checkout(Party renter, UUID bookingId) {
        return api.post("/api/payments/checkout").token(renter.token()).json(Map.of("bookingId", bookingId.toString()))
                .send();
    }

    /** {@code t=<now>,v1=<HMAC-SHA256(secret, t.payload)>}, as Stripe signs. */
    protected static String sign(String payload, String secret, Instant at) {
        long t = at.getEpochSecond();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + t + ",v1="
                    + HexFormat.of().formatHex(mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8)));
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    protected PaymentApi.Reply webhook(String payload, String signature) {
        PaymentApi.Call call = api.post("/api/payments/webhook").body(payload, "application/json");
        if (signature != null) {
            call.header("Stripe-Signature", signature);
        }
        return call.send();
    }

    /** A Stripe event with {@code object} as its data, in the library's API version. */
    protected static String event(String id, String type, Map<String, Object> object) {
        ObjectNode event = JSON.createObjectNode();
        event.put("id", id);
        event.put("object", "event");
        event.put("api_version", com.stripe.Stripe.API_VERSION);
        event.put("created", Instant.now().getEpochSecond());
        event.put("livemode", false);
        event.put("type", type);
        event.putObject("data").set("object", JSON.valueToTree(object));
        return JSON.writeValueAsString(event);
    }

    protected static Map<String, Object> paidSession(String sessionId, UUID bookingId, long amountMinor,
            String currency, String paymentIntent) {
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("id", sessionId);
        session.put("object", "checkout.session");
        session.put("status", "complete");
        session.put("payment_status", "paid");
        session.put("amount_total", amountMinor);
        session.put("currency", currency.toLowerCase());
        session.put("client_reference_id", bookingId.toString());
        session.put("metadata", Map.of("bookingId", bookingId.toString()));
        session.put("payment_intent", paymentIntent);
        return session;
    }

    /** Puts an envelope on {@code booking.events} (key = booking id), as booking-service's outbox does. */
    protected UUID publishBookingEvent(String type, UUID bookingId, Map<String, Object> payload) {
        UUID eventId = UUID.randomUUID();
        publishBookingEvent(eventId, type, bookingId, payload);
        return eventId;
    }

    protected void publishBookingEvent(UUID eventId, String type, UUID bookingId, Map<String, Object> payload) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("eventId", eventId.toString());
        envelope.put("type", type);
        envelope.put("occurredAt", Instant.now().toString());
        envelope.put("aggregateId", bookingId.toString());
        envelope.put("version", 1);
        envelope.put("payload", payload);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.BOOKING_EVENTS, bookingId.toString(),
                    JSON.writeValueAsBytes(envelope))).get();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A BookingChanged payload of {@code status} for the booking. */
    protected static Map<String, Object> bookingChanged(BookingServiceStub.Booking b, String status, String refund) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("bookingId", b.id().toString());
        payload.put("vehicleId", b.vehicleId().toString());
        payload.put("renterId", b.renterId().toString());
        payload.put("partnerId", b.partnerId().toString());
        payload.put("status", status);
        payload.put("pickupAt", Instant.now().plus(Duration.ofDays(3)).toString());
        payload.put("returnAt", Instant.now().plus(Duration.ofDays(5)).toString());
        payload.put("totalPrice", b.total());
        payload.put("currency", b.currency());
        payload.put("sequence", 3);
        payload.put("changedAt", Instant.now().toString());
        if (refund != null) {
            payload.put("refundAmount", new java.math.BigDecimal(refund));
        }
        return payload;
    }

    protected long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    protected String sessionStatus(String providerSessionId) {
        return jdbc.sql("select status from checkout_session where provider_session_id = ?").param(providerSessionId)
                .query(String.class).single();
    }
}
