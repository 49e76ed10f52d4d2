package com.smartlinkauto.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.contracts.events.booking.BookingChanged;
import com.smartlinkauto.contracts.events.booking.BookingEventTypes;
import com.smartlinkauto.contracts.events.booking.RefundRequested;
import com.smartlinkauto.contracts.events.payment.PaymentEventTypes;
import com.smartlinkauto.contracts.events.payment.PaymentFailed;
import com.smartlinkauto.contracts.events.payment.PaymentRefunded;
import com.smartlinkauto.contracts.events.payment.PaymentSucceeded;
import com.smartlinkauto.contracts.events.storage.FileStored;
import com.smartlinkauto.contracts.events.vehicle.VehicleListed;
import com.smartlinkauto.contracts.events.vehicle.VehicleUpdated;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Payloads survive a JSON round trip inside an envelope, with exact prices and instants. */
class PayloadContractsTest {

    private final JsonMapper json = ServicesJson.MAPPER;

    @Test
    void vehiclePayloadsRoundTripWithExactPrices() {
        var listed = new VehicleListed(UUID.randomUUID(), UUID.randomUUID(), "Skoda", "Octavia", 2022, "Prague", "CZ",
                new BigDecimal("49.90"), "EUR", 5, 60, "PENDING_REVIEW", Instant.parse("2026-11-22T10:15:30.123Z"));
        var back = json.readValue(json.writeValueAsString(listed), VehicleListed.class);
        assertThat(back).isEqualTo(listed);
        assertThat(back.basePricePerDay()).isEqualByComparingTo("49.90");

        var updated = new VehicleUpdated(listed.vehicleId(), listed.partnerId(), List.of("basePricePerDay"),
                new BigDecimal("52.00"), "EUR", 90, "Prague", "CZ", "ACTIVE", Instant.now());
        assertThat(json.readValue(json.writeValueAsString(updated), VehicleUpdated.class)).isEqualTo(updated);
    }

    @Test
    void bookingPayloadCarriesWhatAnAvailabilityProjectionNeeds() {
        var held = new BookingChanged(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "HELD",
                Instant.parse("2026-12-01T09:00:00Z"), Instant.parse("2026-12-04T09:00:00Z"),
                Instant.parse("2026-11-22T10:25:00Z"), new BigDecimal("149.70"), "EUR", null, 1, Instant.now());
        var envelope = EventEnvelope.of(BookingEventTypes.BOOKING_HELD, held.bookingId().toString(), held);
        JsonNode node = json.valueToTree(envelope);
        assertThat(node.path("payload").path("pickupAt").asString()).isEqualTo("2026-12-01T09:00:00Z");
        BookingChanged back = json.treeToValue(node.path("payload"), BookingChanged.class);
        assertThat(back).isEqualTo(held);
        assertThat(back.blocksVehicle()).isTrue();
        var cancelled = new BookingChanged(held.bookingId(), held.vehicleId(), held.renterId(), held.partnerId(),
                "CANCELLED", held.pickupAt(), held.returnAt(), null, held.totalPrice(), "EUR", "renter cancelled", 2,
                Instant.now());
        assertThat(cancelled.blocksVehicle()).isFalse();
        assertThat(BookingEventTypes.ALL).hasSize(5);
    }

    @Test
    void aCancellationCarriesItsRefundAndOtherChangesNoRefundField() {
        var cancelled = new BookingChanged(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                "CANCELLED", Instant.parse("2026-12-01T09:00:00Z"), Instant.parse("2026-12-04T09:00:00Z"), null,
                new BigDecimal("149.70"), "EUR", "plans changed", 3, Instant.now(), new BigDecimal("74.85"));
        JsonNode node = json.valueToTree(EventEnvelope.of(BookingEventTypes.BOOKING_CANCELLED,
                cancelled.bookingId().toString(), cancelled));
        assertThat(node.path("payload").path("refundAmount").decimalValue()).isEqualByComparingTo("74.85");
        assertThat(json.treeToValue(node.path("payload"), BookingChanged.class)).isEqualTo(cancelled);

        var held = new BookingChanged(cancelled.bookingId(), cancelled.vehicleId(), cancelled.renterId(),
                cancelled.partnerId(), "HELD", cancelled.pickupAt(), cancelled.returnAt(), Instant.now(),
                cancelled.totalPrice(), "EUR", null, 1, Instant.now());
        JsonNode heldJson = json.valueToTree(held);
        assertThat(heldJson.has("refundAmount")).as("no refund field on a change without one").isFalse();
        assertThat(heldJson.has("reason")).as("other absent values stay null, as before").isTrue();
        assertThat(json.treeToValue(heldJson, BookingChanged.class).refundAmount()).isNull();
    }

    @Test
    void refundRequestRoundTripsAndIsPublishedOnBookingEvents() {
        var refund = new RefundRequested(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "pi_3QxY",
                new BigDecimal("149.70"), "EUR", RefundRequested.SLOT_TAKEN, "EXPIRED",
                Instant.parse("2026-12-01T09:00:00.123456Z"));
        var envelope = EventEnvelope.of(BookingEventTypes.REFUND_REQUESTED, refund.bookingId().toString(), refund);
        JsonNode node = json.valueToTree(envelope);
        assertThat(node.path("payload").path("amount").decimalValue()).isEqualByComparingTo("149.70");
        assertThat(json.treeToValue(node.path("payload"), RefundRequested.class)).isEqualTo(refund);
        assertThat(BookingEventTypes.PUBLISHED).containsAll(BookingEventTypes.ALL)
                .contains(BookingEventTypes.REFUND_REQUESTED).hasSize(6);
        assertThat(BookingEventTypes.ALL).doesNotContain(BookingEventTypes.REFUND_REQUESTED);
    }

    /**
     * Amounts travel in major units, exactly: XAF has no minor unit (ISO 4217, 0 digits), so 45000 XAF is
     * written as the whole number 45000 and reads back as 45000 minor units; EUR keeps its two digits, trailing
     * zero included. A consumer turning the amount back into minor units (Stripe's {@code unit_amount}) must
     * get the captured number, never a rounded or rescaled one.
     */
    @Test
    void paymentPayloadsRoundTripWithExactAmountsInMajorUnits() {
        UUID booking = UUID.randomUUID();
        UUID payment = UUID.randomUUID();
        var succeeded = new PaymentSucceeded(payment, booking, UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), BigDecimal.valueOf(45_000), "XAF", "sandbox", null,
                Instant.parse("2026-12-04T12:02:59.981234Z"));
        var envelope = EventEnvelope.of(PaymentEventTypes.PAYMENT_SUCCEEDED, booking.toString(), succeeded);
        String written = json.writeValueAsString(envelope);
        assertThat(written).contains("\"amount\":45000,").doesNotContain("E+");
        PaymentSucceeded back = json.treeToValue(json.readTree(written).path("payload"), PaymentSucceeded.class);
        assertThat(back).isEqualTo(succeeded);
        assertThat(back.amount().scale()).isZero();
        assertThat(minorUnits(back.amount(), back.currency())).isEqualTo(45_000L);
        assertThat(back.paidAt()).isEqualTo(succeeded.paidAt());

        var failed = new PaymentFailed(payment, booking, succeeded.renterId(), succeeded.partnerId(),
                new BigDecimal("1250000"), "XAF", "insufficient_funds", null, Instant.now());
        String failedJson = json.writeValueAsString(failed);
        assertThat(failedJson).contains("\"amount\":1250000,");
        PaymentFailed failedBack = json.readValue(failedJson, PaymentFailed.class);
        assertThat(failedBack).isEqualTo(failed);
        assertThat(minorUnits(failedBack.amount(), "XAF")).isEqualTo(1_250_000L);

        // a partial refund of a EUR payment: 74.85 of 149.70, both exact to the cent
        var refunded = new PaymentRefunded(UUID.randomUUID(), payment, booking, succeeded.renterId(),
                succeeded.partnerId(), succeeded.vehicleId(), new BigDecimal("74.85"), "EUR", new BigDecimal("149.70"),
                PaymentRefunded.SLOT_TAKEN, Instant.now());
        String refundedJson = json.writeValueAsString(refunded);
        assertThat(refundedJson).contains("\"amount\":74.85,").contains("\"totalRefunded\":149.70,");
        PaymentRefunded refundedBack = json.readValue(refundedJson, PaymentRefunded.class);
        assertThat(refundedBack).isEqualTo(refunded);
        assertThat(minorUnits(refundedBack.amount(), "EUR")).isEqualTo(7_485L);
        assertThat(minorUnits(refundedBack.totalRefunded(), "EUR")).isEqualTo(14_970L);

        var xafRefund = new PaymentRefunded(UUID.randomUUID(), payment, booking, null, null, null,
                new BigDecimal("22500"), "XAF", new BigDecimal("45000"), PaymentRefunded.CANCELLATION, Instant.now());
        PaymentRefunded xafBack = json.readValue(json.writeValueAsString(xafRefund), PaymentRefunded.class);
        assertThat(xafBack).isEqualTo(xafRefund);
        assertThat(minorUnits(xafBack.amount(), "XAF")).isEqualTo(22_500L);
        assertThat(PaymentEventTypes.ALL).containsExactlyInAnyOrder("PaymentSucceeded", "PaymentFailed",
                "PaymentRefunded");
    }

    /** Major units to the provider's minor units; throws rather than round when the amount has more digits. */
    private static long minorUnits(BigDecimal amount, String currency) {
        return amount.movePointRight(Currency.getInstance(currency).getDefaultFractionDigits()).longValueExact();
    }

    @Test
    void storagePayloadRoundTrips() {
        var stored = new FileStored(UUID.randomUUID(), "car.jpg", "image/jpeg", 1234, "ab".repeat(32), 4 << 20, 1, 3, 3,
                UUID.randomUUID().toString(), Instant.now());
        assertThat(json.readValue(json.writeValueAsString(stored), FileStored.class)).isEqualTo(stored);
    }
}
