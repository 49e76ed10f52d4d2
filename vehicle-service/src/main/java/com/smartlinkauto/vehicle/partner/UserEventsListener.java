package com.smartlinkauto.vehicle.partner;

import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.user.PartnerRegistered;
import com.smartlinkauto.contracts.events.user.PartnerVerificationChanged;
import com.smartlinkauto.contracts.events.user.UserEventTypes;
import com.smartlinkauto.servicedefaults.events.EventConsumer;
import com.smartlinkauto.servicedefaults.events.EventConsumers;
import com.smartlinkauto.vehicle.catalog.PartnerDirectory;
import com.smartlinkauto.vehicle.catalog.VehicleService;

/**
 * {@code user.events} → the partners' verification here, and the cascade onto their vehicles (suspended
 * when the partner is rejected or suspended, back when verified). Each event id is handled once, in one
 * transaction with its effects; an event older than the status held is ignored. Failures are retried
 * with back-off, then parked on {@code user.events.DLT} (an unknown status at once).
 */
@Component
class UserEventsListener {

    static final String CONSUMER = "vehicle-service.partners";

    private static final Logger log = LoggerFactory.getLogger(UserEventsListener.class);

    private final PartnerDirectory partners;
    private final VehicleService vehicles;
    private final EventConsumer events;

    UserEventsListener(PartnerDirectory partners, VehicleService vehicles, EventConsumers consumers) {
        this.partners = partners;
        this.vehicles = vehicles;
        this.events = consumers.consumer(CONSUMER)
                .on(UserEventTypes.PARTNER_REGISTERED, PartnerRegistered.class, this::registered)
                .on(UserEventTypes.PARTNER_VERIFICATION_CHANGED, PartnerVerificationChanged.class, this::changed)
                .build();
    }

    @KafkaListener(id = CONSUMER, topics = Topics.USER_EVENTS, groupId = CONSUMER)
    void onEvent(ConsumerRecord<String, byte[]> record) {
        events.accept(record);
    }

    private void registered(EventEnvelope<PartnerRegistered> event) {
        PartnerRegistered partner = event.payload();
        String status = partner.verificationStatus() == null ? "PENDING" : partner.verificationStatus();
        record(partner.partnerId(), PartnerDirectory.Status.valueOf(status), partner.registeredAt());
        partners.recordPublicName(partner.partnerId(),
                PartnerDirectory.publicName(partner.firstName(), partner.lastName()));
    }

    private void changed(EventEnvelope<PartnerVerificationChanged> event) {
        PartnerVerificationChanged change = event.payload();
        record(change.partnerId(), PartnerDirectory.Status.valueOf(change.to()), change.changedAt());
    }

    private void record(UUID partnerId, PartnerDirectory.Status status, Instant changedAt) {
        if (partners.record(partnerId, status, changedAt)) {
            log.info("Partner {} is now {}", partnerId, status);
            vehicles.partnerVerificationChanged(partnerId, status);
        }
    }
}
