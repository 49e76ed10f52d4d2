package com.smartlinkauto.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.contracts.events.booking.BookingChanged;
import com.smartlinkauto.contracts.events.booking.BookingEventTypes;
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
    void storagePayloadRoundTrips() {
        var stored = new FileStored(UUID.randomUUID(), "car.jpg", "image/jpeg", 1234, "ab".repeat(32), 4 << 20, 1, 3, 3,
                UUID.randomUUID().toString(), Instant.now());
        assertThat(json.readValue(json.writeValueAsString(stored), FileStored.class)).isEqualTo(stored);
    }
}
