package com.smartlinkauto.booking.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.smartlinkauto.booking.BookingApi;
import com.smartlinkauto.booking.BookingTestSupport;
import com.smartlinkauto.booking.VehicleServiceStub;
import com.smartlinkauto.booking.cache.CacheNamespaces;
import com.smartlinkauto.booking.cache.DashboardCache;
import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.payment.PaymentEventTypes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * The dashboards' cache with the real Redis and the real {@code payment.events} consumer: a second read is a counted
 * hit; a payment for partner A's booking makes A's earnings, the renter's totals and the revenue stale and leaves
 * partner B's earnings cached; a booking of B confirmed makes only B's stale; an event replayed (the same event, and
 * the same payment under a new event id) changes nothing — no ledger row, no bump; a refund shows in the month it
 * happened and in the renter's totals.
 */
class DashboardCacheIT extends BookingTestSupport {

    @Autowired
    MeterRegistry meters;

    @Autowired
    DashboardCache cache;

    private final Instant pickup = minuteIn(Duration.ofDays(60));
    private final Instant ret = pickup.plus(Duration.ofDays(2));
    private final Instant from = Instant.now().minus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private final Instant to = from.plus(Duration.ofDays(120));

    private KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void producer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void closeProducer() {
        producer.close(Duration.ofSeconds(5));
    }

    private void publish(UUID eventId, String type, UUID bookingId, Map<String, Object> payload) throws Exception {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("eventId", eventId.toString());
        envelope.put("type", type);
        envelope.put("occurredAt", Instant.now().toString());
        envelope.put("aggregateId", bookingId.toString());
        envelope.put("version", 1);
        envelope.put("payload", payload);
        producer.send(new ProducerRecord<>(Topics.PAYMENT_EVENTS, bookingId.toString(),
                BookingApi.JSON.writeValueAsBytes(envelope))).get();
    }

    private static Map<String, Object> succeeded(UUID paymentId, UUID bookingId, BigDecimal amount, Instant paidAt) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("paymentId", paymentId.toString());
        payload.put("bookingId", bookingId.toString());
        payload.put("amount", amount);
        payload.put("currency", "EUR");
        payload.put("provider", "sandbox");
        payload.put("paidAt", paidAt.toString());
        return payload;
    }

    private static Map<String, Object> refunded(UUID refundId, UUID paymentId, UUID bookingId, BigDecimal amount,
            Instant refundedAt) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("refundId", refundId.toString());
        payload.put("paymentId", paymentId.toString());
        payload.put("bookingId", bookingId.toString());
        payload.put("amount", amount);
        payload.put("currency", "EUR");
        payload.put("totalRefunded", amount);
        payload.put("reason", "CANCELLATION");
        payload.put("refundedAt", refundedAt.toString());
        return payload;
    }

    private double counted(String name, String... tags) {
        Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private double requests(String cacheName, String result) {
        return counted("smartlink.cache.requests", "cache", cacheName, "result", result);
    }

    private JsonNode earnings(Party partner) {
        return api.get("/api/partners/me/earnings?from=" + from + "&to=" + to + "&groupBy=vehicle")
                .token(partner.token()).send().expect(200).json();
    }

    private JsonNode revenue() {
        return api.get("/api/admin/revenue?from=" + from + "&to=" + to + "&groupBy=partner").token(admin).send()
                .expect(200).json();
    }

    private static BigDecimal gross(JsonNode earnings) {
        JsonNode currencies = earnings.path("currencies");
        return currencies.isEmpty() ? BigDecimal.ZERO : currencies.get(0).path("totals").path("gross").decimalValue();
    }

    record CityLine(String city, int n) {
    }

    /**
     * A hit is the stored JSON sent as it is: byte for byte the answer of the miss that stored it, as
     * {@code application/json} (UTF-8, a city's accents included), without the computation running again.
     */
    @Test
    void aHitSendsTheStoredJsonAsItIsWithoutComputingIt() {
        VehicleServiceStub.Vehicle car = vehicles.bookable();
        Party partner = owner(car);
        String path = "/api/partners/me/earnings?from=" + from + "&to=" + to + "&groupBy=month";
        BookingApi.Reply miss = api.get(path).token(partner.token()).send().expect(200);
        BookingApi.Reply hit = api.get(path).token(partner.token()).send().expect(200);
        assertThat(hit.bytes()).isEqualTo(miss.bytes());
        assertThat(hit.header("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(hit.json().path("partnerId").asString()).isEqualTo(partner.id().toString());

        java.util.concurrent.atomic.AtomicInteger computed = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Supplier<Object> loader = () -> {
            computed.incrementAndGet();
            return new CityLine("Yaoundé", computed.get());
        };
        String namespace = "test:" + UUID.randomUUID();
        String first = cache.readThroughJson(DashboardCache.REVENUE, java.util.List.of(namespace), "k", loader);
        String again = cache.readThroughJson(DashboardCache.REVENUE, java.util.List.of(namespace), "k", loader);
        assertThat(first).isEqualTo("{\"city\":\"Yaoundé\",\"n\":1}");
        assertThat(again).isEqualTo(first);
        assertThat(computed).hasValue(1);
        cache.invalidate(java.util.List.of(namespace));
        assertThat(cache.readThroughJson(DashboardCache.REVENUE, java.util.List.of(namespace), "k", loader))
                .isEqualTo("{\"city\":\"Yaoundé\",\"n\":2}");
    }

    @Test
    void hitsAreCountedAndAPaymentInvalidatesExactlyItsPartnerRenterAndTheRevenueOnce() throws Exception {
        VehicleServiceStub.Vehicle carA = vehicles.bookable();
        VehicleServiceStub.Vehicle carB = vehicles.bookable();
        Party partnerA = owner(carA);
        Party partnerB = owner(carB);
        Party renter = renter();
        BookingApi.Reply heldA = hold(renter, carA.id(), pickup, ret).expect(201);
        UUID bookingA = UUID.fromString(heldA.text("id"));
        BigDecimal total = heldA.json().path("total").decimalValue();
        UUID bookingB = held(renter(), carB.id(), pickup, ret);

        // a miss, then a counted hit with the same answer
        double hits = requests(DashboardCache.EARNINGS, "hit");
        double misses = requests(DashboardCache.EARNINGS, "miss");
        JsonNode first = earnings(partnerA);
        assertThat(requests(DashboardCache.EARNINGS, "miss")).isEqualTo(misses + 1);
        assertThat(earnings(partnerA)).isEqualTo(first);
        assertThat(requests(DashboardCache.EARNINGS, "hit")).isEqualTo(hits + 1);
        assertThat(gross(first)).isZero();
        JsonNode earningsB = earnings(partnerB);
        revenue();
        api.get("/api/bookings/me").token(renter.token()).send().expect(200);
        String versionA = cache.version(CacheNamespaces.partner(partnerA.id()));
        String versionB = cache.version(CacheNamespaces.partner(partnerB.id()));
        String versionRenter = cache.version(CacheNamespaces.renter(renter.id()));
        String versionRevenue = cache.version(CacheNamespaces.REVENUE);
        assertThat(versionA).isNotNull();

        // partner A's booking is paid: A's earnings, the renter's totals and the revenue are stale, B's are not
        UUID payment = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        Instant paidAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        publish(eventId, PaymentEventTypes.PAYMENT_SUCCEEDED, bookingA, succeeded(payment, bookingA, total, paidAt));
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> gross(earnings(partnerA)).compareTo(total) == 0);
        JsonNode paid = earnings(partnerA);
        assertThat(paid.path("currencies").get(0).path("totals").path("rentals").asLong()).isEqualTo(1);
        assertThat(paid.path("vehicles").get(0).path("vehicleId").asString()).isEqualTo(carA.id().toString());
        String paidVersionA = cache.version(CacheNamespaces.partner(partnerA.id()));
        assertThat(paidVersionA).isNotEqualTo(versionA);
        assertThat(cache.version(CacheNamespaces.renter(renter.id()))).isNotEqualTo(versionRenter);
        String paidVersionRevenue = cache.version(CacheNamespaces.REVENUE);
        assertThat(paidVersionRevenue).isNotEqualTo(versionRevenue);
        assertThat(cache.version(CacheNamespaces.partner(partnerB.id()))).isEqualTo(versionB);
        double bMisses = requests(DashboardCache.EARNINGS, "miss");
        assertThat(earnings(partnerB)).isEqualTo(earningsB);
        assertThat(requests(DashboardCache.EARNINGS, "miss")).as("B's entry is still cached").isEqualTo(bMisses);
        JsonNode byPartner = revenue();
        assertThat(byPartner.toString()).contains(partnerA.id().toString());
        // the confirmation and the ledger row of one transaction bumped A once
        assertThat(Long.parseLong(paidVersionA) - Long.parseLong(versionA)).isEqualTo(1);

        // the same event again, and the same payment under a new event id: nothing changes, nothing is bumped
        double duplicates = counted("smartlink.bookings.ledger.entries", "kind", "PAYMENT", "outcome", "duplicate");
        double redelivered = counted("smartlink.events.consumed", "consumer", "booking-service.payments", "outcome",
                "duplicate");
        publish(eventId, PaymentEventTypes.PAYMENT_SUCCEEDED, bookingA, succeeded(payment, bookingA, total, paidAt));
        publish(UUID.randomUUID(), PaymentEventTypes.PAYMENT_SUCCEEDED, bookingA,
                succeeded(payment, bookingA, total, paidAt));
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> counted("smartlink.events.consumed", "consumer", "booking-service.payments", "outcome",
                        "duplicate") >= redelivered + 1
                        && counted("smartlink.bookings.ledger.entries", "kind", "PAYMENT", "outcome",
                                "duplicate") >= duplicates + 1);
        assertThat(count("select count(*) from payment_ledger where payment_id = ?", payment)).isEqualTo(1);
        assertThat(cache.version(CacheNamespaces.partner(partnerA.id()))).isEqualTo(paidVersionA);
        assertThat(cache.version(CacheNamespaces.REVENUE)).isEqualTo(paidVersionRevenue);
        double hitsBefore = requests(DashboardCache.EARNINGS, "hit");
        assertThat(earnings(partnerA)).isEqualTo(paid);
        assertThat(requests(DashboardCache.EARNINGS, "hit")).isEqualTo(hitsBefore + 1);

        // partner B's booking is confirmed without money through this service's ledger (the internal endpoint):
        // a booking change touches B's earnings only
        String revenueVersion = cache.version(CacheNamespaces.REVENUE);
        confirm(bookingB, "pay-" + UUID.randomUUID()).expect(200);
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> !versionB.equals(cache.version(CacheNamespaces.partner(partnerB.id()))));
        assertThat(earnings(partnerB).path("currencies").get(0).path("totals").path("rentals").asLong()).isEqualTo(1);
        assertThat(cache.version(CacheNamespaces.partner(partnerA.id()))).isEqualTo(paidVersionA);
        assertThat(cache.version(CacheNamespaces.REVENUE)).isEqualTo(revenueVersion);

        // a refund: in A's earnings and the renter's totals, as soon as it is in the ledger
        BigDecimal half = total.divide(BigDecimal.valueOf(2), 2, java.math.RoundingMode.HALF_UP);
        publish(UUID.randomUUID(), PaymentEventTypes.PAYMENT_REFUNDED, bookingA,
                refunded(UUID.randomUUID(), payment, bookingA, half, Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> earnings(partnerA).path("currencies").get(0)
                .path("totals").path("refunds").decimalValue().compareTo(half) == 0);
        JsonNode history = api.get("/api/bookings/me").token(renter.token()).send().expect(200).json();
        assertThat(history.path("totals").get(0).path("currency").asString()).isEqualTo("EUR");
        assertThat(history.path("totals").get(0).path("paid").decimalValue()).isEqualByComparingTo(total);
        assertThat(history.path("totals").get(0).path("refunded").decimalValue()).isEqualByComparingTo(half);
        double renterHits = requests(DashboardCache.RENTER_HISTORY, "hit");
        api.get("/api/bookings/me").token(renter.token()).send().expect(200);
        assertThat(requests(DashboardCache.RENTER_HISTORY, "hit")).isEqualTo(renterHits + 1);
    }
}
