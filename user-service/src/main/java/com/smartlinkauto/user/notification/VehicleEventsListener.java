package com.smartlinkauto.user.notification;

import java.util.Objects;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.smartlinkauto.servicedefaults.events.ProcessedEvents;
import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.vehicle.VehicleEventTypes;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
    private final ProcessedEvents processed;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    VehicleEventsListener(NotificationService notifications, ProcessedEvents processed, TransactionTemplate tx,
            JsonMapper json) {
        this.notifications = notifications;
        this.processed = processed;
        this.tx = tx;
        this.json = json;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.VEHICLE_EVENTS, groupId = CONSUMER)
    void onEvent(ConsumerRecord<String, byte[]> record) {
        JsonNode envelope = json.readTree(record.value());
        String type = envelope.path("type").asString("");
        if (!VehicleEventTypes.VEHICLE_VERIFICATION_CHANGED.equals(type)) {
            return;
        }
        UUID eventId = UUID.fromString(envelope.required("eventId").asString());
        JsonNode payload = envelope.required("payload");
        UUID vehicleId = UUID.fromString(payload.required("vehicleId").asString());
        UUID partnerId = UUID.fromString(payload.required("partnerId").asString());
        String from = text(payload, "fromStatus");
        String to = payload.required("toStatus").asString();
        String reason = text(payload, "reason");
        String actor = text(payload, "actorId");
        UUID actorId = actor == null ? null : UUID.fromString(actor);
        Message message = message(vehicleId, partnerId, from, to, reason, actorId);
        tx.executeWithoutResult(status -> {
            if (!processed.firstDelivery(CONSUMER, eventId)) {
                return;
            }
            if (message == null) {
                log.debug("Vehicle {} {} -> {}: nothing to tell partner {}", vehicleId, from, to, partnerId);
                return;
            }
            notifications.create(partnerId, message.type(), message.title(), message.body());
        });
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload.path(field);
        return value.isString() && !value.asString().isBlank() ? value.asString() : null;
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
