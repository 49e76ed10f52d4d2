package com.smartlinkauto.vehicle;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.booking.BookingChanged;
import com.smartlinkauto.contracts.events.user.PartnerVerificationChanged;
import com.smartlinkauto.contracts.events.user.UserEventTypes;
import com.smartlinkauto.testsupport.IntegrationTest;
import com.smartlinkauto.testsupport.security.TestTokens;

/**
 * What every vehicle-service IT starts from: the running service, tokens, valid listings with unique VINs
 * and plates, and the events other services would publish (user.events, booking.events).
 */
@IntegrationTest
@Import(TestTokens.Decoder.class)
public abstract class VehicleTestSupport {

    private static final String VIN_ALPHABET = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

    @Value("${local.server.port}")
    protected int port;

    @Value("${spring.kafka.bootstrap-servers}")
    protected String bootstrapServers;

    @Autowired
    protected JdbcClient jdbc;

    protected Api api;
    protected final String admin = TestTokens.token(UUID.randomUUID(), List.of("ADMIN"), Duration.ofMinutes(30));
    /** booking-service's service token for this service, as user-service's POST /oauth2/token issues it. */
    protected final String bookingService = TestTokens.service("booking-service", "vehicle-service");
    private KafkaProducer<String, String> producer;

    @BeforeEach
    void apiClient() {
        api = new Api(port);
    }

    @AfterEach
    void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    /** A partner: their id and a token. */
    protected record Partner(UUID id, String token) {
    }

    protected Partner partner() {
        UUID id = UUID.randomUUID();
        return new Partner(id, TestTokens.token(id, List.of("PARTNER"), Duration.ofMinutes(30)));
    }

    /** A partner user-service has verified (the event delivered and applied). */
    protected Partner verifiedPartner() {
        Partner partner = partner();
        partnerStatus(partner.id(), "VERIFIED");
        return partner;
    }

    /** Publishes PartnerVerificationChanged on user.events and waits until this service applied it. */
    protected void partnerStatus(UUID partnerId, String status) {
        Instant now = Instant.now();
        publish(Topics.USER_EVENTS, partnerId.toString(), EventEnvelope.of(UserEventTypes.PARTNER_VERIFICATION_CHANGED,
                partnerId.toString(), new PartnerVerificationChanged(partnerId, "PENDING", status,
                        "REJECTED".equals(status) ? "it" : null, UUID.randomUUID(), now)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(jdbc
                .sql("select status from partners where partner_id = ?").param(partnerId).query(String.class)
                .optional().orElse(null)));
    }

    protected void publish(String topic, String key, Object envelope) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "acks", "all"),
                    new StringSerializer(), new StringSerializer());
        }
        try {
            producer.send(new ProducerRecord<>(topic, key, Api.JSON.writeValueAsString(envelope))).get();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Publishes a booking.events envelope carrying {@code booking}. */
    protected void publishBooking(String type, BookingChanged booking) {
        publish(Topics.BOOKING_EVENTS, booking.bookingId().toString(),
                EventEnvelope.of(type, booking.bookingId().toString(), booking));
    }

    protected static BookingChanged booking(UUID bookingId, UUID vehicleId, String status, Instant pickup,
            Instant ret, long sequence) {
        return new BookingChanged(bookingId, vehicleId, UUID.randomUUID(), UUID.randomUUID(), status, pickup, ret,
                "HELD".equals(status) ? Instant.now().plus(Duration.ofMinutes(10)) : null, new BigDecimal("100.00"),
                "EUR", null, sequence, Instant.now());
    }

    /** Waits until the booking projection holds {@code bookingId} at {@code sequence}. */
    protected void awaitBooking(UUID bookingId, long sequence) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc
                .sql("select sequence from vehicle_bookings where booking_id = ?").param(bookingId)
                .query(Long.class).optional().orElse(-1L) == sequence);
    }

    public static String vin() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder vin = new StringBuilder(17);
        for (int i = 0; i < 17; i++) {
            vin.append(VIN_ALPHABET.charAt(random.nextInt(VIN_ALPHABET.length())));
        }
        return vin.toString();
    }

    public static String plate() {
        return "IT-" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
    }

    /** A valid listing body (unique VIN and plate), to change field by field. */
    protected static Map<String, Object> listing() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("make", "Volkswagen");
        body.put("model", "Golf");
        body.put("year", 2022);
        body.put("vin", vin());
        body.put("licensePlate", plate());
        body.put("basePricePerDay", new BigDecimal("49.90"));
        body.put("currency", "EUR");
        body.put("location", location("Berlin", "DE", 52.52, 13.405));
        body.put("seats", 5);
        body.put("transmission", "MANUAL");
        body.put("fuelType", "PETROL");
        body.put("description", "Clean and reliable.");
        body.put("features", List.of("Air conditioning", "Bluetooth"));
        body.put("turnaroundMinutes", 60);
        return body;
    }

    protected static Map<String, Object> location(String city, String country, double lat, double lon) {
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("city", city);
        location.put("country", country);
        location.put("latitude", lat);
        location.put("longitude", lon);
        return location;
    }

    /** Lists the vehicle and returns its id. */
    protected UUID list(Partner partner, Map<String, Object> body) {
        Api.Response created = api.post("/api/partners/" + partner.id() + "/vehicles", body, partner.token());
        created.assertStatus(201);
        return UUID.fromString(created.text("id"));
    }

    protected void approve(UUID vehicleId) {
        api.patch("/api/admin/vehicles/" + vehicleId + "/verification", Map.of("status", "ACTIVE"), admin)
                .assertStatus(200);
    }

    /** A bookable vehicle: verified partner, listed, approved. */
    protected UUID bookable(Partner partner, Map<String, Object> body) {
        UUID id = list(partner, body);
        approve(id);
        assertThat(api.get("/api/vehicles/" + id).status()).isEqualTo(200);
        return id;
    }

    protected String status(UUID vehicleId) {
        return jdbc.sql("select status from vehicles where id = ?").param(vehicleId).query(String.class).single();
    }
}
