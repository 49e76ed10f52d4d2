package com.smartlinkauto.vehicle.availability;

import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.booking.BookingChanged;
import com.smartlinkauto.contracts.events.booking.BookingEventTypes;
import com.smartlinkauto.vehicle.cache.CacheNamespaces;
import com.smartlinkauto.vehicle.cache.VehicleCache;
import com.smartlinkauto.vehicle.catalog.Vehicle;
import com.smartlinkauto.vehicle.catalog.VehicleStore;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code booking.events} → the local booking projection ({@code vehicle_bookings}), which search and
 * availability read. Every event carries the whole booking and a per-booking {@code sequence}, so this is
 * an upsert that ignores anything not newer than what it holds: duplicates and out-of-order delivery
 * change nothing. A change that lands invalidates the cached searches the vehicle can appear in.
 */
@Component
class BookingEventsListener {

    static final String CONSUMER = "vehicle-service.bookings";

    private static final Logger log = LoggerFactory.getLogger(BookingEventsListener.class);
    private static final TypeReference<EventEnvelope<JsonNode>> ENVELOPE = new TypeReference<>() {
    };

    private final AvailabilityStore store;
    private final VehicleStore vehicles;
    private final VehicleCache cache;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    BookingEventsListener(AvailabilityStore store, VehicleStore vehicles, VehicleCache cache, TransactionTemplate tx,
            JsonMapper json) {
        this.store = store;
        this.vehicles = vehicles;
        this.cache = cache;
        this.tx = tx;
        this.json = json;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.BOOKING_EVENTS, groupId = CONSUMER)
    void onEvent(ConsumerRecord<String, byte[]> record) {
        // the envelope first (unreadable: parked on the DLT), the payload only for the booking types: another
        // payload on the topic (RefundRequested, for payment-service) is passed over
        EventEnvelope<JsonNode> envelope = json.readValue(record.value(), ENVELOPE);
        if (!BookingEventTypes.ALL.contains(envelope.type())) {
            return;
        }
        BookingChanged booking = json.treeToValue(envelope.payload(), BookingChanged.class);
        if (booking.bookingId() == null || booking.vehicleId() == null || booking.status() == null
                || booking.pickupAt() == null || booking.returnAt() == null
                || !booking.returnAt().isAfter(booking.pickupAt())) {
            throw new IllegalArgumentException("Booking event " + envelope.eventId() + " is incomplete");
        }
        Boolean changed = tx.execute(status -> store.upsertBooking(booking.bookingId(), booking.vehicleId(),
                booking.status(), booking.pickupAt(), booking.returnAt(), booking.expiresAt(), booking.sequence(),
                booking.changedAt() != null ? booking.changedAt() : envelope.occurredAt()));
        if (Boolean.TRUE.equals(changed)) {
            Optional<Vehicle> vehicle = vehicles.find(booking.vehicleId());
            vehicle.ifPresent(v -> cache.invalidate(
                    CacheNamespaces.ofVehicle(v.id(), v.city(), v.latitude(), v.longitude())));
            log.debug("Booking {} of vehicle {} is {} (sequence {})", booking.bookingId(), booking.vehicleId(),
                    booking.status(), booking.sequence());
        }
    }
}
