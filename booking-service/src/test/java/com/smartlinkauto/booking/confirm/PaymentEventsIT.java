package com.smartlinkauto.booking.confirm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import org.springframework.test.context.TestPropertySource;

import com.smartlinkauto.booking.BookingApi;
import com.smartlinkauto.booking.BookingTestSupport;
import com.smartlinkauto.booking.VehicleServiceStub;
import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.booking.BookingEventTypes;
import com.smartlinkauto.contracts.events.payment.PaymentEventTypes;
import com.smartlinkauto.testsupport.kafka.KafkaProbe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * {@code payment.events} → confirmations, through the real consumer on the embedded broker: a PaymentSucceeded
 * confirms a HELD booking (BookingConfirmed on {@code booking.events}); one for an EXPIRED hold whose slot someone
 * else took asks for the refund (RefundRequested naming the payment); the same event twice confirms once and puts
 * the payment into the ledger once; PaymentFailed changes nothing; PaymentRefunded changes no booking and goes into
 * the ledger; a payment for an unknown booking is parked on the DLT.
 * Same hold duration and sweeper interval as {@link ExpiryAndConfirmationIT}, so both share one application context.
 */
@TestPropertySource(properties = { "smartlink.bookings.hold-duration=3s", "smartlink.bookings.sweeper.interval=500ms" })
class PaymentEventsIT extends BookingTestSupport {

    @Autowired
    MeterRegistry meters;

    private final Instant pickup = minuteIn(Duration.ofDays(50));
    private final Instant ret = pickup.plus(Duration.ofDays(1));

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

    /** An envelope as payment-service's outbox writes it, keyed by the booking id. */
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

    private static Map<String, Object> succeeded(UUID paymentId, UUID bookingId, String amount) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("paymentId", paymentId.toString());
        payload.put("bookingId", bookingId.toString());
        payload.put("renterId", UUID.randomUUID().toString());
        payload.put("partnerId", UUID.randomUUID().toString());
        payload.put("vehicleId", UUID.randomUUID().toString());
        payload.put("amount", new BigDecimal(amount));
        payload.put("currency", "EUR");
        payload.put("provider", "sandbox");
        payload.put("providerPaymentId", null);
        payload.put("paidAt", Instant.now().toString());
        return payload;
    }

    private String paymentReference(UUID bookingId) {
        // list(): the column is null until a payment confirmed the booking
        return jdbc.sql("select payment_reference from bookings where id = ?").param(bookingId).query(String.class)
                .list().get(0);
    }

    private double counted(String name, String... tags) {
        Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private double ignored(String type) {
        return counted("smartlink.events.consumed", "consumer", PaymentEventsListener.CONSUMER, "type", type, "outcome",
                "ignored");
    }

    private static Predicate<ConsumerRecord<String, byte[]>> event(String type, UUID bookingId) {
        return r -> bookingId.toString().equals(r.key())
                && type.equals(KafkaProbe.json(r).path("type").asString());
    }

    @Test
    void aPaymentConfirmsAHeldBookingOnceEvenWhenItsEventArrivesTwice() throws Exception {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        UUID booking = held(renter(), vehicle.id(), pickup, ret);
        UUID payment = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        double duplicates = counted("smartlink.events.consumed", "consumer", PaymentEventsListener.CONSUMER,
                "outcome", "duplicate");
        try (KafkaProbe probe = new KafkaProbe(bootstrapServers, Topics.BOOKING_EVENTS)) {
            publish(eventId, PaymentEventTypes.PAYMENT_SUCCEEDED, booking, succeeded(payment, booking, "54.89"));
            publish(eventId, PaymentEventTypes.PAYMENT_SUCCEEDED, booking, succeeded(payment, booking, "54.89"));

            JsonNode confirmed = probe.awaitEvent(BookingEventTypes.BOOKING_CONFIRMED, booking.toString());
            assertThat(confirmed.path("payload").path("status").asString()).isEqualTo("CONFIRMED");
            assertThat(confirmed.path("payload").path("sequence").asLong()).isEqualTo(2);
            assertThat(status(booking)).isEqualTo("CONFIRMED");
            assertThat(paymentReference(booking)).isEqualTo(payment.toString());

            // the redelivery is recognised by its event id and changes nothing
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> counted("smartlink.events.consumed",
                    "consumer", PaymentEventsListener.CONSUMER, "outcome", "duplicate") >= duplicates + 1);
            assertThat(count("select count(*) from processed_events where consumer = ? and event_id = ?",
                    PaymentEventsListener.CONSUMER, eventId)).isEqualTo(1);
            assertThat(count("select sequence from bookings where id = ?", booking)).isEqualTo(2);
            assertThat(count("select count(*) from payment_ledger where payment_id = ?", payment)).isEqualTo(1);
            assertThat(count("select amount_minor from payment_ledger where source_id = ?", payment)).isEqualTo(5489);
            // the booking's city travels with its ledger rows (the admin revenue by city reads no booking)
            assertThat(jdbc.sql("select l.city = b.city from payment_ledger l join bookings b on b.id = l.booking_id "
                    + "where l.source_id = ? and b.city is not null").param(payment).query(Boolean.class).single())
                    .isTrue();
            // a later event of the booking follows both deliveries' effects on its partition (one key, one
            // partition): every BookingConfirmed there was is before it, and there is one
            api.post("/api/bookings/" + booking + "/cancel").token(admin).json(Map.of("reason", "test over"))
                    .send().expect(200);
            Set<Long> confirmations = new HashSet<>();
            Predicate<ConsumerRecord<String, byte[]>> confirmation = event(BookingEventTypes.BOOKING_CONFIRMED, booking);
            probe.await(r -> {
                if (confirmation.test(r)) {
                    confirmations.add(r.offset());
                }
                return event(BookingEventTypes.BOOKING_CANCELLED, booking).test(r);
            });
            assertThat(confirmations).hasSize(1);
        }
        assertThat(overlappingPairs()).isZero();
    }

    @Test
    void aLatePaymentForAnExpiredHoldWhoseSlotIsTakenIsRefunded() throws Exception {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        UUID late = held(renter(), vehicle.id(), pickup, ret);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "EXPIRED".equals(status(late)));
        // someone else holds the slot now and pays for it through the same topic
        UUID taken = held(renter(), vehicle.id(), pickup, ret);
        UUID takenPayment = UUID.randomUUID();
        UUID latePayment = UUID.randomUUID();
        try (KafkaProbe probe = new KafkaProbe(bootstrapServers, Topics.BOOKING_EVENTS)) {
            publish(UUID.randomUUID(), PaymentEventTypes.PAYMENT_SUCCEEDED, taken,
                    succeeded(takenPayment, taken, "54.89"));
            probe.awaitEvent(BookingEventTypes.BOOKING_CONFIRMED, taken.toString());

            publish(UUID.randomUUID(), PaymentEventTypes.PAYMENT_SUCCEEDED, late, succeeded(latePayment, late, "54.89"));
            JsonNode refund = probe.awaitEvent(BookingEventTypes.REFUND_REQUESTED, late.toString());
            assertThat(refund.path("payload").path("paymentReference").asString()).isEqualTo(latePayment.toString());
            assertThat(refund.path("payload").path("reason").asString()).isEqualTo("SLOT_TAKEN");
            assertThat(refund.path("payload").path("bookingStatus").asString()).isEqualTo("EXPIRED");
            assertThat(refund.path("payload").path("amount").decimalValue()).isEqualByComparingTo("54.89");
            assertThat(refund.path("payload").path("currency").asString()).isEqualTo("EUR");
        }
        assertThat(status(late)).isEqualTo("EXPIRED");
        assertThat(paymentReference(late)).isNull();
        assertThat(status(taken)).isEqualTo("CONFIRMED");
        assertThat(paymentReference(taken)).isEqualTo(takenPayment.toString());
        assertThat(count("select count(*) from refund_requests where booking_id = ? and payment_reference = ?", late,
                latePayment.toString())).isEqualTo(1);
        assertThat(overlappingPairs()).isZero();
    }

    @Test
    void failedPaymentsChangeNothingRefundsOnlyTheLedgerAndAnUnknownBookingIsParked() throws Exception {
        UUID booking = held(renter(), vehicles.bookable().id(), pickup.plus(Duration.ofDays(3)),
                ret.plus(Duration.ofDays(3)));
        UUID payment = UUID.randomUUID();
        double ignoredFailed = ignored(PaymentEventTypes.PAYMENT_FAILED);
        Map<String, Object> failed = new LinkedHashMap<>();
        failed.put("paymentId", payment.toString());
        failed.put("bookingId", booking.toString());
        failed.put("amount", new BigDecimal("54.89"));
        failed.put("currency", "EUR");
        failed.put("failureCode", "card_declined");
        failed.put("message", "Your card was declined.");
        failed.put("failedAt", Instant.now().toString());
        UUID failedEvent = UUID.randomUUID();
        publish(failedEvent, PaymentEventTypes.PAYMENT_FAILED, booking, failed);
        Map<String, Object> refunded = new LinkedHashMap<>();
        UUID refundId = UUID.randomUUID();
        refunded.put("refundId", refundId.toString());
        refunded.put("paymentId", payment.toString());
        refunded.put("bookingId", booking.toString());
        refunded.put("amount", new BigDecimal("54.89"));
        refunded.put("currency", "EUR");
        refunded.put("totalRefunded", new BigDecimal("54.89"));
        refunded.put("reason", "PROVIDER");
        refunded.put("refundedAt", Instant.now().toString());
        UUID refundedEvent = UUID.randomUUID();
        publish(refundedEvent, PaymentEventTypes.PAYMENT_REFUNDED, booking, refunded);

        UUID unknown = UUID.randomUUID();
        try (KafkaProbe dlt = new KafkaProbe(bootstrapServers, Topics.deadLetter(Topics.PAYMENT_EVENTS))) {
            publish(UUID.randomUUID(), PaymentEventTypes.PAYMENT_SUCCEEDED, unknown,
                    succeeded(UUID.randomUUID(), unknown, "10.00"));
            ConsumerRecord<String, byte[]> parked = dlt.await(r -> unknown.toString().equals(r.key()));
            assertThat(KafkaProbe.json(parked).path("type").asString()).isEqualTo(PaymentEventTypes.PAYMENT_SUCCEEDED);
        }
        assertThat(counted("smartlink.bookings.payments", "outcome", "UNKNOWN_BOOKING")).isPositive();
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> ignored(PaymentEventTypes.PAYMENT_FAILED) >= ignoredFailed + 1
                        && count("select count(*) from payment_ledger where source_id = ?", refundId) == 1);
        // the refund is in the ledger as money given back, with the booking's parties (not the event's)
        assertThat(count("select amount_minor from payment_ledger where source_id = ? and kind = 'REFUND' "
                + "and booking_id = ? and renter_id = (select renter_id from bookings where id = ?)", refundId, booking,
                booking)).isEqualTo(-5489);
        // the hold keeps running for another attempt (or until it expires): nothing was confirmed
        assertThat(status(booking)).isIn("HELD", "EXPIRED");
        assertThat(paymentReference(booking)).isNull();
        assertThat(count("select count(*) from refund_requests where booking_id = ?", booking)).isZero();
        assertThat(count("select count(*) from processed_events where event_id = ?", failedEvent))
                .as("a type without a handler leaves no mark").isZero();
        assertThat(count("select count(*) from processed_events where event_id = ?", refundedEvent)).isEqualTo(1);
    }
}
