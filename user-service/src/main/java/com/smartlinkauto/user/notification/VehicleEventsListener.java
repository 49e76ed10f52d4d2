package com.smartlinkauto.user.notification;

import java.util.Objects;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.vehicle.VehicleEventTypes;
import com.smartlinkauto.contracts.events.vehicle.VehicleVerificationChanged;
import com.smartlinkauto.servicedefaults.events.EventConsumer;
import com.smartlinkauto.servicedefaults.events.EventConsumers;

/**
 * Turns {@code VehicleVerificationChanged} events of {@code vehicle.events} into notifications for the
 * vehicle's partner (approved, rejected, suspended, reactivated, retired by someone else, back under
 * review); other event types on the topic are ignored. Idempotent like {@link UserEventsListener} (each
 * event id once per consumer, in the notification's transaction), with its own consumer group; failures
 * are retried with back-off, then parked on {@code vehicle.events.DLT}.
 */
@Component
class VehicleEventsListener {

    static final String CONSUMER = "user-service.vehicle-notifications";

    private static final Logger log = LoggerFactory.getLogger(VehicleEventsListener.class);

    private final NotificationService notifications;
    private final EventConsumer events;

    VehicleEventsListener(NotificationService notifications, EventConsumers consumers) {
        this.notifications = notifications;
        this.events = consumers.consumer(CONSUMER)
                .on(VehicleEventTypes.VEHICLE_VERIFICATION_CHANGED, VehicleVerificationChanged.class, this::changed)
                .build();
    }

    @KafkaListener(id = CONSUMER, topics = Topics.VEHICLE_EVENTS, groupId = CONSUMER)
    void onEvent(ConsumerRecord<String, byte[]> record) {
        events.accept(record);
    }

    private void changed(EventEnvelope<VehicleVerificationChanged> event) {
        VehicleVerificationChanged change = event.payload();
        String from = blankToNull(change.fromStatus());
        String reason = blankToNull(change.reason());
        Message message = message(change.vehicleId(), change.partnerId(), from, change.toStatus(), reason,
                change.actorId());
        if (message == null) {
            log.debug("Vehicle {} {} -> {}: nothing to tell partner {}", change.vehicleId(), from, change.toStatus(),
                    change.partnerId());
            return;
        }
        notifications.create(change.partnerId(), message.type(), message.title(), message.body());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** {@code type} tells clients what happened (icon, link) without parsing the text. */
    record Message(String type, String title, String body) {
    }

    /** The notification for a status change of a partner's vehicle, or null when the partner need not hear of it. */
    static Message message(UUID vehicleId, UUID partnerId, String from, String to, String reason, UUID actorId) {
        String because = reason == null ? "" : " Reason: " + reason;
        String vehicle = "Your vehicle " + vehicleId;
        return switch (to) {
            case "ACTIVE" -> "SUSPENDED".equals(from)
                    ? new Message("VEHICLE_REACTIVATED", "Your vehicle is active again",
                            vehicle + " is offered to renters again." + because)
                    : new Message("VEHICLE_APPROVED", "Your vehicle is approved",
                            vehicle + " passed review and is now offered to renters." + because);
            case "REJECTED" -> new Message("VEHICLE_REJECTED", "Your vehicle was rejected",
                    vehicle + " did not pass review. Fix what is described below and resubmit it." + because);
            case "SUSPENDED" -> new Message("VEHICLE_SUSPENDED", "Your vehicle is suspended",
                    vehicle + " is no longer offered to renters." + because);
            case "PENDING_REVIEW" -> new Message("VEHICLE_UNDER_REVIEW", "Your vehicle is under review",
                    vehicle + " was submitted for review; we will check it shortly." + because);
            case "RETIRED" -> Objects.equals(actorId, partnerId) ? null
                    : new Message("VEHICLE_RETIRED", "Your vehicle was retired",
                            vehicle + " was retired and is no longer offered." + because);
            default -> new Message("VEHICLE_STATUS_CHANGED", "Your vehicle's status changed",
                    vehicle + " is now " + to + "." + because);
        };
    }
}
