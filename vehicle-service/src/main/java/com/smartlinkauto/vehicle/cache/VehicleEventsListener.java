package com.smartlinkauto.vehicle.cache;

import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.vehicle.VehicleEventTypes;
import com.smartlinkauto.vehicle.catalog.VehicleStore;
import com.smartlinkauto.vehicle.catalog.VehiclesChanged;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
    private final JsonMapper json;

    VehicleEventsListener(VehicleStore vehicles, CacheInvalidation invalidation, JsonMapper json) {
        this.vehicles = vehicles;
        this.invalidation = invalidation;
        this.json = json;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.VEHICLE_EVENTS, groupId = CONSUMER)
    void onEvent(ConsumerRecord<String, byte[]> record) {
        JsonNode envelope = json.readTree(record.value());
        if (!VehicleEventTypes.ALL.contains(envelope.path("type").asString(""))) {
            return;
        }
        UUID vehicleId = UUID.fromString(envelope.required("payload").required("vehicleId").asString());
        vehicles.find(vehicleId).ifPresent(v -> invalidation.invalidate(VehiclesChanged.of(v)));
    }
}
