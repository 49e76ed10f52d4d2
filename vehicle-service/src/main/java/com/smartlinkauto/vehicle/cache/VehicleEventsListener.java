package com.smartlinkauto.vehicle.cache;

import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.vehicle.AvailabilityChanged;
import com.smartlinkauto.contracts.events.vehicle.VehicleEventTypes;
import com.smartlinkauto.contracts.events.vehicle.VehicleListed;
import com.smartlinkauto.contracts.events.vehicle.VehicleUpdated;
import com.smartlinkauto.contracts.events.vehicle.VehicleVerificationChanged;
import com.smartlinkauto.servicedefaults.events.EventConsumer;
import com.smartlinkauto.servicedefaults.events.EventConsumers;
import com.smartlinkauto.vehicle.catalog.VehicleStore;
import com.smartlinkauto.vehicle.catalog.VehiclesChanged;

/**
 * {@code vehicle.events} → cache invalidation of the vehicle's details and the searches it can appear in.
 * The write path already invalidates right after its commit ({@link CacheInvalidation}: a partner reads their
 * own change at once); this consumer makes it hold for every instance and when that first invalidation could not
 * reach Redis. Bumping a version twice is harmless, so no de-duplication is needed.
 */
@Component
class VehicleEventsListener {

    static final String CONSUMER = "vehicle-service.cache";

    private final VehicleStore vehicles;
    private final CacheInvalidation invalidation;
    private final EventConsumer consumer;

    VehicleEventsListener(VehicleStore vehicles, CacheInvalidation invalidation, EventConsumers consumers) {
        this.vehicles = vehicles;
        this.invalidation = invalidation;
        this.consumer = consumers.consumer(CONSUMER)
                .on(VehicleEventTypes.VEHICLE_LISTED, VehicleListed.class,
                        event -> invalidate(event.payload().vehicleId()))
                .on(VehicleEventTypes.VEHICLE_UPDATED, VehicleUpdated.class,
                        event -> invalidate(event.payload().vehicleId()))
                .on(VehicleEventTypes.VEHICLE_VERIFICATION_CHANGED, VehicleVerificationChanged.class,
                        event -> invalidate(event.payload().vehicleId()))
                .on(VehicleEventTypes.AVAILABILITY_CHANGED, AvailabilityChanged.class,
                        event -> invalidate(event.payload().vehicleId()))
                .withoutDeduplication()
                .build();
    }

    @KafkaListener(id = CONSUMER, topics = Topics.VEHICLE_EVENTS, groupId = CONSUMER)
    void onEvent(ConsumerRecord<String, byte[]> record) {
        consumer.accept(record);
    }

    /** The vehicle's namespaces where it is now (the event carries no place; the write path bumped the old one). */
    private void invalidate(UUID vehicleId) {
        vehicles.find(vehicleId).ifPresent(v -> invalidation.invalidate(VehiclesChanged.of(v)));
    }
}
