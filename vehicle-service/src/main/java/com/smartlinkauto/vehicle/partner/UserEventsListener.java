package com.smartlinkauto.vehicle.partner;

import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.smartlinkauto.servicedefaults.events.ProcessedEvents;
import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.user.UserEventTypes;
import com.smartlinkauto.vehicle.catalog.PartnerDirectory;
import com.smartlinkauto.vehicle.catalog.VehicleService;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code user.events} → the partners' verification here, and the cascade onto their vehicles (suspended
 * when the partner is rejected or suspended, back when verified). Each event id is handled once, in one
 * transaction with its effects; an event older than the status held is ignored. Failures are retried
 * with back-off, then parked on {@code user.events.DLT}.
 */
@Component
class UserEventsListener {

    static final String CONSUMER = "vehicle-service.partners";

    private static final Logger log = LoggerFactory.getLogger(UserEventsListener.class);

    private final PartnerDirectory partners;
    private final VehicleService vehicles;
    private final ProcessedEvents processed;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    UserEventsListener(PartnerDirectory partners, VehicleService vehicles, ProcessedEvents processed, TransactionTemplate tx,
            JsonMapper json) {
        this.partners = partners;
        this.vehicles = vehicles;
        this.processed = processed;
        this.tx = tx;
        this.json = json;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.USER_EVENTS, groupId = CONSUMER)
    void onEvent(ConsumerRecord<String, byte[]> record) {
        JsonNode envelope = json.readTree(record.value());
        String type = envelope.path("type").asString("");
        JsonNode payload = envelope.path("payload");
        UUID partnerId;
        PartnerDirectory.Status status;
        Instant changedAt;
        if (UserEventTypes.PARTNER_REGISTERED.equals(type)) {
            partnerId = UUID.fromString(payload.required("partnerId").asString());
            status = PartnerDirectory.Status.valueOf(payload.path("verificationStatus").asString("PENDING"));
            changedAt = Instant.parse(payload.required("registeredAt").asString());
        }
        else if (UserEventTypes.PARTNER_VERIFICATION_CHANGED.equals(type)) {
            partnerId = UUID.fromString(payload.required("partnerId").asString());
            status = PartnerDirectory.Status.valueOf(payload.required("to").asString());
            changedAt = Instant.parse(payload.required("changedAt").asString());
        }
        else {
            return;
        }
        UUID eventId = UUID.fromString(envelope.required("eventId").asString());
        tx.executeWithoutResult(transaction -> {
            if (!processed.firstDelivery(CONSUMER, eventId)) {
                return;
            }
            if (partners.record(partnerId, status, changedAt)) {
                log.info("Partner {} is now {}", partnerId, status);
                vehicles.partnerVerificationChanged(partnerId, status);
            }
        });
    }
}
