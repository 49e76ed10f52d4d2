package com.smartlinkauto.user.notification;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.booking.BookingChanged;
import com.smartlinkauto.contracts.events.booking.BookingEventTypes;
import com.smartlinkauto.servicedefaults.events.EventConsumer;
import com.smartlinkauto.servicedefaults.events.EventConsumers;

/**
 * Turns {@code booking.events} into notifications (issue #14, Notifications): the renter hears of the hold (with
 * its expiry), the confirmation, the expiry, the cancellation (with the refund the policy gives, or that nothing
 * was charged) and the completed trip; the vehicle's partner hears of a new confirmed booking and of the
 * cancellation of a confirmed one (a hold never reached the partner's payout, so its cancellation is not news to
 * them). Refunds themselves are told from {@code payment.events} by {@link PaymentEventsListener} once the money
 * moved. {@code RefundRequested} on the same topic is ignored (no handler). Idempotent like
 * {@link PaymentEventsListener} (each event id once per consumer, in the notifications' transaction, so a replay
 * adds nothing), with its own consumer group; failures are retried with back-off, then parked on
 * {@code booking.events.DLT}. A party the event does not name (null) is not notified.
 */
@Component
class BookingEventsListener {

    static final String CONSUMER = "user-service.booking-notifications";

    private static final Logger log = LoggerFactory.getLogger(BookingEventsListener.class);

    private final NotificationService notifications;
    private final EventConsumer events;

    BookingEventsListener(NotificationService notifications, EventConsumers consumers) {
        this.notifications = notifications;
        this.events = consumers.consumer(CONSUMER)
                .on(BookingEventTypes.BOOKING_HELD, BookingChanged.class, this::held)
                .on(BookingEventTypes.BOOKING_CONFIRMED, BookingChanged.class, this::confirmed)
                .on(BookingEventTypes.BOOKING_EXPIRED, BookingChanged.class, this::expired)
                .on(BookingEventTypes.BOOKING_CANCELLED, BookingChanged.class, this::cancelled)
                .on(BookingEventTypes.BOOKING_COMPLETED, BookingChanged.class, this::completed)
                .build();
    }

    @KafkaListener(id = CONSUMER, topics = Topics.BOOKING_EVENTS, groupId = CONSUMER)
    void onEvent(ConsumerRecord<String, byte[]> record) {
        events.accept(record);
    }

    private void held(EventEnvelope<BookingChanged> event) {
        notify(event.payload().renterId(), heldMessage(event.payload()));
    }

    private void confirmed(EventEnvelope<BookingChanged> event) {
        notify(event.payload().renterId(), confirmedMessage(event.payload()));
        notify(event.payload().partnerId(), confirmedPartnerMessage(event.payload()));
    }

    private void expired(EventEnvelope<BookingChanged> event) {
        notify(event.payload().renterId(), expiredMessage(event.payload()));
    }

    private void cancelled(EventEnvelope<BookingChanged> event) {
        BookingChanged booking = event.payload();
        notify(booking.renterId(), cancelledMessage(booking));
        // refundAmount is on the event only when the booking had been CONFIRMED (BookingChanged): a cancelled
        // hold never was the partner's booking
        if (booking.refundAmount() != null) {
            notify(booking.partnerId(), cancelledPartnerMessage(booking));
        }
    }

    private void completed(EventEnvelope<BookingChanged> event) {
        notify(event.payload().renterId(), completedMessage(event.payload()));
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

    static Message heldMessage(BookingChanged b) {
        String until = b.expiresAt() == null ? ": pay soon to keep it." : " until " + instant(b.expiresAt())
                + ": pay before then.";
        return new Message("BOOKING_HELD", "Booking held",
                "Booking " + b.bookingId() + " (" + summary(b) + ") held" + until);
    }

    static Message confirmedMessage(BookingChanged b) {
        return new Message("BOOKING_CONFIRMED", "Booking confirmed",
                "Booking " + b.bookingId() + " confirmed: " + summary(b) + ".");
    }

    static Message confirmedPartnerMessage(BookingChanged b) {
        return new Message("BOOKING_CONFIRMED_PARTNER", "New booking",
                "New confirmed booking " + b.bookingId() + " of your vehicle " + shortId(b.vehicleId())
                        + ": pickup " + instant(b.pickupAt()) + ", return " + instant(b.returnAt()) + total(b) + ".");
    }

    static Message expiredMessage(BookingChanged b) {
        String by = b.expiresAt() == null ? "in time" : "by " + instant(b.expiresAt());
        return new Message("BOOKING_EXPIRED", "Hold expired",
                "Booking " + b.bookingId() + " (" + summary(b) + ") expired: it was not paid " + by
                        + ". Nothing was charged.");
    }

    static Message cancelledMessage(BookingChanged b) {
        String money = b.refundAmount() == null ? "no charge."
                : "refund under the cancellation policy: " + amount(b.refundAmount(), b.currency()) + ".";
        return new Message("BOOKING_CANCELLED", "Booking cancelled",
                "Booking " + b.bookingId() + " (" + summary(b) + ") cancelled, " + money + reason(b));
    }

    static Message cancelledPartnerMessage(BookingChanged b) {
        return new Message("BOOKING_CANCELLED_PARTNER", "Booking cancelled",
                "Confirmed booking " + b.bookingId() + " of your vehicle " + shortId(b.vehicleId()) + " ("
                        + instant(b.pickupAt()) + " to " + instant(b.returnAt()) + ") was cancelled; refund to the "
                        + "renter: " + amount(b.refundAmount(), b.currency()) + "." + reason(b));
    }

    static Message completedMessage(BookingChanged b) {
        return new Message("TRIP_COMPLETED", "Trip completed",
                "Trip of booking " + b.bookingId() + " completed: " + summary(b) + ".");
    }

    /** {@code vehicle 3f2a9c1e, 2026-12-10T09:00:00Z to 2026-12-12T09:00:00Z, 45000 XAF}. */
    private static String summary(BookingChanged b) {
        return "vehicle " + shortId(b.vehicleId()) + ", " + instant(b.pickupAt()) + " to " + instant(b.returnAt())
                + total(b);
    }

    private static String total(BookingChanged b) {
        return b.totalPrice() == null ? "" : ", " + amount(b.totalPrice(), b.currency());
    }

    private static String reason(BookingChanged b) {
        return b.reason() == null || b.reason().isBlank() ? "" : " Reason: " + b.reason().strip();
    }

    /** The first 8 hex digits of the vehicle's id: enough to tell a partner's cars apart in a sentence. */
    static String shortId(UUID id) {
        return id.toString().substring(0, 8);
    }

    /** ISO-8601 in UTC to the second ({@code 2026-12-10T09:00:00Z}); a hold's expiry is rounded down, never later. */
    static String instant(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Exactly as on the event ({@code 149.70 EUR}, {@code 45000 XAF}), never in exponent notation. */
    static String amount(BigDecimal amount, String currency) {
        return currency == null ? amount.toPlainString() : PaymentEventsListener.amount(amount, currency);
    }
}
