package com.smartlinkauto.payment.webhook;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.smartlinkauto.payment.payments.CheckoutSession;
import com.smartlinkauto.payment.payments.Payment;
import com.smartlinkauto.payment.payments.PaymentRecords;
import com.smartlinkauto.payment.payments.PaymentStore;
import com.smartlinkauto.payment.payments.SessionStore;
import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeError;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;

/**
 * Applies one verified provider event in one transaction: the event id first ({@code webhook_event}; known already: a
 * duplicate, nothing changes), then the change. Whatever order the events come in, the outcome is the same: a paid
 * session is COMPLETED even after it EXPIRED (the money was taken; booking-service confirms or asks for the refund),
 * and an expiry never undoes a payment.
 */
@Component
class WebhookHandler {

    static final String COMPLETED = "checkout.session.completed";
    static final String ASYNC_SUCCEEDED = "checkout.session.async_payment_succeeded";
    static final String ASYNC_FAILED = "checkout.session.async_payment_failed";
    static final String EXPIRED = "checkout.session.expired";
    static final String PAYMENT_FAILED = "payment_intent.payment_failed";
    static final String CHARGE_REFUNDED = "charge.refunded";
    /** The types handled: the values of the metric's {@code type} tag (anything else is {@code other}). */
    static final Set<String> HANDLED = Set.of(COMPLETED, ASYNC_SUCCEEDED, ASYNC_FAILED, EXPIRED, PAYMENT_FAILED,
            CHARGE_REFUNDED);

    private static final Logger log = LoggerFactory.getLogger(WebhookHandler.class);

    enum Outcome {
        PROCESSED, DUPLICATE, IGNORED
    }

    /** The event is signed correctly but its object is not what its type promises: a 400, nothing stored. */
    static final class InvalidEvent extends RuntimeException {

        InvalidEvent(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final JdbcClient jdbc;
    private final SessionStore sessions;
    private final PaymentStore payments;
    private final PaymentRecords records;
    private final TransactionTemplate tx;
    private final Clock clock;

    WebhookHandler(JdbcClient jdbc, SessionStore sessions, PaymentStore payments, PaymentRecords records,
            TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.sessions = sessions;
        this.payments = payments;
        this.records = records;
        this.tx = tx;
        this.clock = clock;
    }

    Outcome handle(Event event) {
        return tx.execute(status -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            int fresh = jdbc.sql("insert into webhook_event (event_id, type, received_at) values (?, ?, ?) "
                    + "on conflict do nothing").params(event.getId(), event.getType(), java.sql.Timestamp.from(now))
                    .update();
            if (fresh == 0) {
                log.info("Webhook event {} ({}) was handled before; nothing changes", event.getId(), event.getType());
                return Outcome.DUPLICATE;
            }
            return switch (event.getType()) {
                case COMPLETED, ASYNC_SUCCEEDED -> paid(object(event, Session.class), now);
                case EXPIRED -> expired(object(event, Session.class), now);
                case ASYNC_FAILED -> asyncFailed(object(event, Session.class), now);
                case PAYMENT_FAILED -> failed(object(event, PaymentIntent.class), now);
                case CHARGE_REFUNDED -> refunded(object(event, Charge.class), event.getId(), now);
                default -> Outcome.IGNORED;
            };
        });
    }

    private Outcome paid(Session paid, Instant now) {
        if (!"paid".equals(paid.getPaymentStatus()) && !"no_payment_required".equals(paid.getPaymentStatus())) {
            // e.g. a bank debit still under way: async_payment_succeeded follows
            log.info("Checkout session {} completed unpaid ({}); waiting for the payment", paid.getId(),
                    paid.getPaymentStatus());
            return Outcome.IGNORED;
        }
        Optional<CheckoutSession> known = sessions.lockByProviderSessionId(paid.getId());
        if (known.isEmpty()) {
            log.warn("Paid checkout session {} is not one of ours; ignored", paid.getId());
            return Outcome.IGNORED;
        }
        CheckoutSession session = known.get();
        long amount = paid.getAmountTotal() != null ? paid.getAmountTotal() : session.amountMinor();
        String currency = paid.getCurrency() != null ? paid.getCurrency().toUpperCase(Locale.ROOT) : session.currency();
        if (amount <= 0) {
            throw new InvalidEvent("Checkout session " + paid.getId() + " paid " + amount, null);
        }
        if (amount != session.amountMinor() || !currency.equals(session.currency())) {
            log.warn("Checkout session {} of booking {}: the provider captured {} {}, the session asked {} {}",
                    paid.getId(), session.bookingId(), amount, currency, session.amountMinor(), session.currency());
        }
        records.capture(session, paid.getPaymentIntent(), amount, currency, now);
        return Outcome.PROCESSED;
    }

    private Outcome expired(Session expired, Instant now) {
        Optional<CheckoutSession> known = sessions.lockByProviderSessionId(expired.getId());
        if (known.isEmpty()) {
            return Outcome.IGNORED;
        }
        // COMPLETED stays COMPLETED: an expiry that arrives after the payment changes nothing
        sessions.expire(known.get().id(), now);
        return Outcome.PROCESSED;
    }

    private Outcome asyncFailed(Session failed, Instant now) {
        Optional<CheckoutSession> known = sessions.lockByProviderSessionId(failed.getId());
        if (known.isEmpty()) {
            return Outcome.IGNORED;
        }
        records.failed(known.get(), "async_payment_failed", "The payment could not be completed.", now);
        return Outcome.PROCESSED;
    }

    private Outcome failed(PaymentIntent intent, Instant now) {
        Map<String, String> metadata = intent.getMetadata() == null ? Map.of() : intent.getMetadata();
        UUID bookingId;
        try {
            bookingId = UUID.fromString(metadata.getOrDefault("bookingId", ""));
        }
        catch (IllegalArgumentException ex) {
            log.info("Failed PaymentIntent {} names no booking; ignored", intent.getId());
            return Outcome.IGNORED;
        }
        // the attempt belongs to the booking's open session, or else its newest one
        Optional<CheckoutSession> session = sessions.forBooking(bookingId).stream()
                .min(Comparator.comparing((CheckoutSession s) -> !s.open())
                        .thenComparing(CheckoutSession::createdAt, Comparator.reverseOrder()));
        if (session.isEmpty()) {
            log.info("Failed PaymentIntent {} names booking {}, which has no session here; ignored", intent.getId(),
                    bookingId);
            return Outcome.IGNORED;
        }
        StripeError error = intent.getLastPaymentError();
        String code = error == null ? null : error.getDeclineCode() != null ? error.getDeclineCode() : error.getCode();
        String message = error == null ? null : error.getMessage();
        records.failed(session.get(), code == null || code.isBlank() ? "payment_failed" : bounded(code, 64),
                message == null ? null : bounded(message, 500), now);
        return Outcome.PROCESSED;
    }

    private Outcome refunded(Charge charge, String eventId, Instant now) {
        if (charge.getPaymentIntent() == null || charge.getAmountRefunded() == null) {
            return Outcome.IGNORED;
        }
        Optional<Payment> payment = payments.findByProviderPaymentId(charge.getPaymentIntent());
        if (payment.isEmpty()) {
            log.info("Refunded charge {} of PaymentIntent {} is not one of ours; ignored", charge.getId(),
                    charge.getPaymentIntent());
            return Outcome.IGNORED;
        }
        return records.recordProviderRefund(payment.get().id(), charge.getAmountRefunded(), eventId, now).isPresent()
                ? Outcome.PROCESSED : Outcome.IGNORED;
    }

    /**
     * The event's object as stripe-java reads it: with the library's API version typed safely, otherwise (an
     * endpoint pinned to another version) read as well as it can be.
     */
    private static <T extends StripeObject> T object(Event event, Class<T> type) {
        StripeObject object;
        try {
            object = event.getDataObjectDeserializer().getObject().isPresent()
                    ? event.getDataObjectDeserializer().getObject().get()
                    : event.getDataObjectDeserializer().deserializeUnsafe();
        }
        catch (EventDataObjectDeserializationException | RuntimeException ex) {
            throw new InvalidEvent("The " + event.getType() + " event's object cannot be read", ex);
        }
        if (!type.isInstance(object)) {
            throw new InvalidEvent("The " + event.getType() + " event does not carry a " + type.getSimpleName(), null);
        }
        return type.cast(object);
    }

    private static String bounded(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }
}
