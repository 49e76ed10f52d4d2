package com.smartlinkauto.booking.vehicle;

import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.smartlinkauto.contracts.events.Topics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code vehicle.events} → the vehicle cache of this instance forgets the vehicle the record is about (its key is
 * the vehicle id: VehicleListed, VehicleUpdated, VehicleVerificationChanged, AvailabilityChanged, and the
 * VehicleUpdated {@code partnerVerified} that vehicle-service sends when the partner's verification made the vehicle
 * bookable or not). So a price, status or blackout change reaches the next hold as soon as the event arrives, and an
 * unchanged vehicle is read from vehicle-service once per {@code cache-ttl} (a safety net for an event that never
 * came, e.g. while Kafka was away), not once per hold.
 * <p>
 * Every instance must see every record: each has its own consumer group,
 * {@code booking-service.vehicle-cache.<random>}, starting at the end of the topic (a cache that starts empty has
 * nothing older to forget). Such a group is left behind when the instance stops; Kafka drops it after its offset
 * retention (7 days by default). Nothing here can fail a record: an unreadable key is skipped.
 */
@Component
class VehicleEventsEviction {

    static final String CONSUMER = "booking-service.vehicle-cache";

    private static final Logger log = LoggerFactory.getLogger(VehicleEventsEviction.class);

    private final VehicleCatalog vehicles;
    private final Counter forgotten;
    private final Counter skipped;

    VehicleEventsEviction(VehicleCatalog vehicles, MeterRegistry meters) {
        this.vehicles = vehicles;
        this.forgotten = events(meters, "forgotten");
        this.skipped = events(meters, "skipped");
    }

    private static Counter events(MeterRegistry meters, String result) {
        return Counter.builder("smartlink.bookings.vehicle.events")
                .description("vehicle.events records seen by this instance's vehicle cache: forgotten (the vehicle is "
                        + "read again at its next hold) or skipped (no vehicle id as key)")
                .tag("result", result).register(meters);
    }

    @KafkaListener(id = CONSUMER, topics = Topics.VEHICLE_EVENTS,
            groupId = CONSUMER + ".#{T(java.util.UUID).randomUUID()}",
            properties = "auto.offset.reset=latest")
    void onEvent(ConsumerRecord<String, byte[]> record) {
        UUID vehicleId = vehicleId(record.key());
        if (vehicleId == null) {
            skipped.increment();
            log.debug("vehicle.events record {}-{}@{} has no vehicle id as key", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        vehicles.forget(vehicleId);
        forgotten.increment();
    }

    static UUID vehicleId(String key) {
        if (key == null || key.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(key);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }
}
