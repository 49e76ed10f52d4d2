package com.smartlinkauto.vehicle.availability;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.booking.BookingChanged;
import com.smartlinkauto.contracts.events.booking.BookingEventTypes;
import com.smartlinkauto.servicedefaults.events.EventConsumer;
import com.smartlinkauto.servicedefaults.events.EventConsumers;
import com.smartlinkauto.vehicle.cache.CacheInvalidation;
import com.smartlinkauto.vehicle.catalog.VehicleStore;
import com.smartlinkauto.vehicle.catalog.VehiclesChanged;

/**
 * {@code booking.events} → the local booking projection ({@code vehicle_bookings}), which search and
 * availability read. Every event carries the whole booking ({@link BookingChanged}) and a per-booking
 * {@code sequence}, so this is an upsert that ignores anything not newer than what it holds: duplicates and
 * out-of-order delivery change nothing, and no {@code processed_events} mark is needed. A change that lands
 * invalidates the cached searches the vehicle can appear in, once it commits
 * ({@link CacheInvalidation#afterConsumerCommit}: redelivery, not a publication record, covers a crash in
 * between). A booking without its ids,
 * status or interval, or one that ends before it starts, is parked on {@code booking.events.DLT} at once.
 */
@Component
class BookingEventsListener {

    static final String CONSUMER = "vehicle-service.bookings";

    private static final Logger log = LoggerFactory.getLogger(BookingEventsListener.class);

    private final AvailabilityStore store;
    private final VehicleStore vehicles;
    private final CacheInvalidation invalidation;
    private final EventConsumer consumer;

    BookingEventsListener(AvailabilityStore store, VehicleStore vehicles, CacheInvalidation invalidation,
            EventConsumers consumers) {
        this.store = store;
        this.vehicles = vehicles;
        this.invalidation = invalidation;
        EventConsumers.Builder builder = consumers.consumer(CONSUMER).withoutDeduplication();
        BookingEventTypes.ALL.forEach(type -> builder.on(type, BookingChanged.class, this::changed));
        this.consumer = builder.build();
    }

    @KafkaListener(id = CONSUMER, topics = Topics.BOOKING_EVENTS, groupId = CONSUMER)
    void onEvent(ConsumerRecord<String, byte[]> record) {
        consumer.accept(record);
    }

    /** In the consumer's transaction: the upsert, and the cache bump for the vehicle once it commits. */
    private void changed(EventEnvelope<BookingChanged> event) {
        BookingChanged booking = event.payload();
        if (!booking.returnAt().isAfter(booking.pickupAt())) {
            throw new IllegalArgumentException("Booking event " + event.eventId() + " is incomplete");
        }
        boolean upserted = store.upsertBooking(booking.bookingId(), booking.vehicleId(), booking.status(),
                booking.pickupAt(), booking.returnAt(), booking.expiresAt(), booking.sequence(),
                booking.changedAt() != null ? booking.changedAt() : event.occurredAt());
        // bumped on every delivery, also of an event already applied: a redelivery after a crash between the
        // commit and the bump must still invalidate
        vehicles.find(booking.vehicleId()).ifPresent(v -> invalidation.afterConsumerCommit(VehiclesChanged.of(v)));
        if (upserted) {
            log.debug("Booking {} of vehicle {} is {} (sequence {})", booking.bookingId(), booking.vehicleId(),
                    booking.status(), booking.sequence());
        }
    }
}
