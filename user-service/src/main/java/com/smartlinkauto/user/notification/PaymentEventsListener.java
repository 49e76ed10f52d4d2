package com.smartlinkauto.user.notification;

import java.math.BigDecimal;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.payment.PaymentEventTypes;
import com.smartlinkauto.contracts.events.payment.PaymentFailed;
import com.smartlinkauto.contracts.events.payment.PaymentRefunded;
import com.smartlinkauto.contracts.events.payment.PaymentSucceeded;
import com.smartlinkauto.servicedefaults.events.EventConsumer;
import com.smartlinkauto.servicedefaults.events.EventConsumers;

/**
 * Turns {@code payment.events} into notifications for the booking's renter and the vehicle's partner: a payment
 * received (renter) and the booking paid (partner), a payment that failed (renter only: the partner has nothing to
 * do until it succeeds), a refund (both). Idempotent like {@link UserEventsListener} (each event id once per
 * consumer, in the notifications' transaction, so a replay adds nothing), with its own consumer group; failures are
 * retried with back-off, then parked on {@code payment.events.DLT}. A party the event does not name (null) is not
 * notified.
 */
@Component
class PaymentEventsListener {

    static final String CONSUMER = "user-service.payment-notifications";

    private static final Logger log = LoggerFactory.getLogger(PaymentEventsListener.class);

    private final NotificationService notifications;
    private final EventConsumer events;

    PaymentEventsListener(NotificationService notifications, EventConsumers consumers) {
        this.notifications = notifications;
        this.events = consumers.consumer(CONSUMER)
                .on(PaymentEventTypes.PAYMENT_SUCCEEDED, PaymentSucceeded.class, this::succeeded)
                .on(PaymentEventTypes.PAYMENT_FAILED, PaymentFailed.class, this::failed)
                .on(PaymentEventTypes.PAYMENT_REFUNDED, PaymentRefunded.class, this::refunded)
                .build();
    }

    @KafkaListener(id = CONSUMER, topics = Topics.PAYMENT_EVENTS, groupId = CONSUMER)
    void onEvent(ConsumerRecord<String, byte[]> record) {
        events.accept(record);
    }

    private void succeeded(EventEnvelope<PaymentSucceeded> event) {
        PaymentSucceeded paid = event.payload();
        String amount = amount(paid.amount(), paid.currency());
        notify(paid.renterId(), new Message("PAYMENT_RECEIVED", "Payment received",
                "Payment received: " + amount + " for booking " + paid.bookingId() + "."));
        notify(paid.partnerId(), new Message("BOOKING_PAID", "Booking paid",
                "Booking " + paid.bookingId() + " paid: " + amount + "."));
    }

    private void failed(EventEnvelope<PaymentFailed> event) {
        PaymentFailed failed = event.payload();
        notify(failed.renterId(), failedMessage(failed.bookingId(), amount(failed.amount(), failed.currency()),
                failed.failureCode(), failed.message()));
    }

    private void refunded(EventEnvelope<PaymentRefunded> event) {
        PaymentRefunded refund = event.payload();
        String amount = amount(refund.amount(), refund.currency());
        notify(refund.renterId(), new Message("PAYMENT_REFUNDED", "Refund issued",
                "Refund of " + amount + " for booking " + refund.bookingId() + "."));
        notify(refund.partnerId(), new Message("BOOKING_REFUNDED", "Booking refunded",
                "Refund of " + amount + " on booking " + refund.bookingId() + "."));
    }

    private void notify(UUID userId, Message message) {
        if (userId == null) {
            log.debug("{}: no one to tell", message.type());
            return;
        }
        notifications.create(userId, message.type(), message.title(), message.body());
    }

    /** {@code type} tells clients what happened (icon, link) without parsing the text. */
    record Message(String type, String title, String body) {
    }

    /**
     * The decline as the provider put it for the renter ({@code message}), else its code; the hold keeps the
     * vehicle until it expires, so the renter may pay again meanwhile.
     */
    static Message failedMessage(UUID bookingId, String amount, String failureCode, String message) {
        String why = message != null && !message.isBlank() ? message.strip()
                : "The payment provider answered " + failureCode + ".";
        return new Message("PAYMENT_FAILED", "Payment failed",
                "Your payment of " + amount + " for booking " + bookingId + " did not go through: " + why
                        + " You can try again while your hold lasts.");
    }

    /** {@code 149.70 EUR}, {@code 45000 XAF}: exactly as captured, never in exponent notation. */
    static String amount(BigDecimal amount, String currency) {
        return amount.toPlainString() + " " + currency;
    }
}
