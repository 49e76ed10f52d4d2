package com.smartlinkauto.user.notification;

import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.smartlinkauto.servicedefaults.events.ProcessedEvents;
import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.user.UserEventTypes;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns {@code user.events} into notifications: a partner hears of every change of their verification.
 * Idempotent (each event id is handled once, in the same transaction as its notification); failures are
 * retried with back-off and then parked on {@code user.events.DLT} (service-defaults' {@code KafkaDefaultsAutoConfiguration}).
 */
@Component
class UserEventsListener {

    static final String CONSUMER = "user-service.notifications";

    private final NotificationService notifications;
    private final ProcessedEvents processed;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    UserEventsListener(NotificationService notifications, ProcessedEvents processed, TransactionTemplate tx, JsonMapper json) {
        this.notifications = notifications;
        this.processed = processed;
        this.tx = tx;
        this.json = json;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.USER_EVENTS, groupId = CONSUMER)
    void onEvent(ConsumerRecord<String, byte[]> record) {
        JsonNode envelope = json.readTree(record.value());
        String type = envelope.path("type").asString("");
        if (!UserEventTypes.PARTNER_VERIFICATION_CHANGED.equals(type)) {
            return;
        }
        UUID eventId = UUID.fromString(envelope.required("eventId").asString());
        JsonNode payload = envelope.required("payload");
        UUID partnerId = UUID.fromString(payload.required("partnerId").asString());
        String from = payload.path("from").asString("");
        String to = payload.required("to").asString();
        String reason = payload.path("reason").isString() ? payload.path("reason").asString() : null;
        tx.executeWithoutResult(status -> {
            if (!processed.firstDelivery(CONSUMER, eventId)) {
                return;
            }
            Message message = message(from, to, reason);
            notifications.create(partnerId, message.type(), message.title(), message.body());
        });
    }

    /** {@code type} tells clients what happened (icon, link) without parsing the text. */
    record Message(String type, String title, String body) {
    }

    static Message message(String from, String to, String reason) {
        String because = reason == null ? "" : " Reason: " + reason;
        return switch (to) {
            case "VERIFIED" -> new Message("PARTNER_VERIFIED", "Your partner account is verified",
                    "You can now offer vehicles on SmartLink Auto.");
            case "REJECTED" -> "VERIFIED".equals(from)
                    ? new Message("PARTNER_SUSPENDED", "Your partner account is suspended",
                            "Your vehicles are no longer offered." + because)
                    : new Message("PARTNER_REJECTED", "Your partner verification was rejected",
                            "Fix what is described below and resubmit for review." + because);
            case "PENDING" -> new Message("PARTNER_UNDER_REVIEW", "Your partner account is under review",
                    "We received your resubmission and will review it shortly.");
            default -> new Message("PARTNER_VERIFICATION_CHANGED", "Your partner verification changed",
                    "New status: " + to + "." + because);
        };
    }
}
