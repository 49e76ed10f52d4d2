package com.smartlinkauto.vehicle.availability;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.booking.BookingChanged;
import com.smartlinkauto.contracts.events.booking.BookingEventTypes;
import com.smartlinkauto.vehicle.catalog.VehicleStore;
import com.smartlinkauto.vehicle.catalog.VehiclesChanged;

import tools.jackson.core.type.TypeReference;
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
    private static final TypeReference<EventEnvelope<BookingChanged>> ENVELOPE = new TypeReference<>() {
    };

    private final AvailabilityStore store;
    private final VehicleStore vehicles;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    BookingEventsListener(AvailabilityStore store, VehicleStore vehicles, ApplicationEventPublisher events,
            TransactionTemplate tx, JsonMapper json) {
        this.store = store;
        this.vehicles = vehicles;
        this.events = events;
        this.tx = tx;
        this.json = json;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.BOOKING_EVENTS, groupId = CONSUMER)
    void onEvent(ConsumerRecord<String, byte[]> record) {
        EventEnvelope<BookingChanged> envelope = json.readValue(record.value(), ENVELOPE);
        if (!BookingEventTypes.ALL.contains(envelope.type())) {
            return;
        }
        BookingChanged booking = envelope.payload();
        if (booking.bookingId() == null || booking.vehicleId() == null || booking.status() == null
                || booking.pickupAt() == null || booking.returnAt() == null
                || !booking.returnAt().isAfter(booking.pickupAt())) {
            throw new IllegalArgumentException("Booking event " + envelope.eventId() + " is incomplete");
        }
        Boolean changed = tx.execute(status -> {
            boolean upserted = store.upsertBooking(booking.bookingId(), booking.vehicleId(), booking.status(),
                    booking.pickupAt(), booking.returnAt(), booking.expiresAt(), booking.sequence(),
                    booking.changedAt() != null ? booking.changedAt() : envelope.occurredAt());
            if (upserted) {
                // the searches the vehicle can appear in, invalidated once this commits
                vehicles.find(booking.vehicleId()).ifPresent(v -> events.publishEvent(VehiclesChanged.of(v)));
            }
            return upserted;
        });
        if (Boolean.TRUE.equals(changed)) {
            log.debug("Booking {} of vehicle {} is {} (sequence {})", booking.bookingId(), booking.vehicleId(),
                    booking.status(), booking.sequence());
        }
    }
}
