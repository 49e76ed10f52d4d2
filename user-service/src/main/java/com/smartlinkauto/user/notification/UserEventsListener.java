package com.smartlinkauto.user.notification;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.user.PartnerVerificationChanged;
import com.smartlinkauto.contracts.events.user.UserEventTypes;
import com.smartlinkauto.servicedefaults.events.EventConsumer;
import com.smartlinkauto.servicedefaults.events.EventConsumers;

/**
 * Turns {@code user.events} into notifications: a partner hears of every change of their verification.
 * Idempotent (each event id is handled once, in the same transaction as its notification); failures are
 * retried with back-off and then parked on {@code user.events.DLT} (service-defaults' {@link EventConsumers}
 * and {@code KafkaDefaultsAutoConfiguration}).
 */
@Component
class UserEventsListener {

    static final String CONSUMER = "user-service.notifications";

    private final NotificationService notifications;
    private final EventConsumer events;

    UserEventsListener(NotificationService notifications, EventConsumers consumers) {
        this.notifications = notifications;
        this.events = consumers.consumer(CONSUMER)
                .on(UserEventTypes.PARTNER_VERIFICATION_CHANGED, PartnerVerificationChanged.class, this::changed)
                .build();
    }

    @KafkaListener(id = CONSUMER, topics = Topics.USER_EVENTS, groupId = CONSUMER)
    void onEvent(ConsumerRecord<String, byte[]> record) {
        events.accept(record);
    }

    private void changed(EventEnvelope<PartnerVerificationChanged> event) {
        PartnerVerificationChanged change = event.payload();
        Message message = message(change.from(), change.to(), change.reason());
        notifications.create(change.partnerId(), message.type(), message.title(), message.body());
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
