package com.smartlinkauto.payment.refunds;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.booking.BookingChanged;
import com.smartlinkauto.contracts.events.booking.BookingEventTypes;
import com.smartlinkauto.contracts.events.booking.RefundRequested;
import com.smartlinkauto.contracts.events.payment.PaymentRefunded;
import com.smartlinkauto.payment.payments.CheckoutSession;
import com.smartlinkauto.payment.payments.Payment;
import com.smartlinkauto.payment.payments.PaymentMetrics;
import com.smartlinkauto.payment.payments.PaymentRecords;
import com.smartlinkauto.payment.payments.PaymentStore;
import com.smartlinkauto.payment.payments.Refund;
import com.smartlinkauto.payment.payments.SessionStore;
import com.smartlinkauto.payment.provider.PaymentProvider;
import com.smartlinkauto.payment.shared.Money;
import com.smartlinkauto.servicedefaults.events.EventConsumer;
import com.smartlinkauto.servicedefaults.events.EventConsumers;

/**
 * {@code booking.events} → refunds and session expiry, de-duplicated by event id ({@code processed_events}, in the
 * transaction that stores the PENDING refund or the expiry request). The provider is called once that transaction has
 * committed (and again by {@link PaymentJobs} should that fail): a record is never held up by the provider, and no
 * provider call happens for a change that did not commit.
 * <ul>
 * <li>BookingCancelled with {@code refundAmount} &gt; 0: that amount of the booking's payment (reason
 * CANCELLATION).</li>
 * <li>RefundRequested: its amount of the payment it names ({@code paymentReference}, our payment id; {@code unknown}:
 * the booking's payment), reason SLOT_TAKEN or ALREADY_PAID.</li>
 * <li>BookingExpired, BookingCancelled: the booking's open session is expired at the provider.</li>
 * </ul>
 * An amount with more decimals than its currency has, an unknown currency or reason park the event on
 * {@code booking.events.DLT}.
 */
@Component
class BookingEventsListener {

    /** The consumer's default name: its {@code processed_events} key, listener id and group id. */
    static final String CONSUMER = "payment-service.bookings";
    static final String CONSUMER_PROPERTY = "${payments.bookings-consumer:" + CONSUMER + "}";

    private static final Logger log = LoggerFactory.getLogger(BookingEventsListener.class);
    private static final Set<String> REQUESTED_REASONS = Set.of(PaymentRefunded.SLOT_TAKEN,
            PaymentRefunded.ALREADY_PAID);

    private final PaymentStore payments;
    private final SessionStore sessions;
    private final PaymentRecords records;
    private final RefundService refunds;
    private final SessionExpiry expiry;
    private final PaymentMetrics metrics;
    private final Clock clock;
    private final PaymentProvider provider;
    private final EventConsumer consumer;

    BookingEventsListener(PaymentStore payments, SessionStore sessions, PaymentRecords records, RefundService refunds,
            SessionExpiry expiry, PaymentProvider provider, PaymentMetrics metrics, Clock clock,
            EventConsumers consumers, @Value(CONSUMER_PROPERTY) String consumerName) {
        this.payments = payments;
        this.sessions = sessions;
        this.records = records;
        this.refunds = refunds;
        this.expiry = expiry;
        this.metrics = metrics;
        this.clock = clock;
        this.provider = provider;
        this.consumer = consumers.consumer(consumerName)
                .on(BookingEventTypes.BOOKING_CANCELLED, BookingChanged.class, this::cancelled)
                .on(BookingEventTypes.BOOKING_EXPIRED, BookingChanged.class, this::expired)
                .on(BookingEventTypes.REFUND_REQUESTED, RefundRequested.class, this::refundRequested)
                .build();
    }

    @KafkaListener(id = CONSUMER_PROPERTY, topics = Topics.BOOKING_EVENTS, groupId = CONSUMER_PROPERTY)
    void onEvent(ConsumerRecord<String, byte[]> record) {
        consumer.accept(record);
    }

    private void cancelled(EventEnvelope<BookingChanged> event) {
        BookingChanged booking = event.payload();
        expireOpenSessions(booking.bookingId());
        BigDecimal amount = booking.refundAmount();
        if (amount == null || amount.signum() <= 0) {
            return;
        }
        List<Payment> paid = payments.forBooking(booking.bookingId());
        // the payment that bought the booking: the first one with something left (later ones are refunded in full
        // on booking-service's RefundRequested ALREADY_PAID)
        Optional<Payment> payment = paid.stream().filter(p -> p.refundedMinor() < p.amountMinor()).findFirst();
        if (payment.isEmpty()) {
            log.warn("Booking {} was cancelled with a refund of {} {}, but has no payment left to refund",
                    booking.bookingId(), amount, booking.currency());
            metrics.refund(PaymentRefunded.CANCELLATION, "no_payment");
            return;
        }
        refund(payment.get(), minor(amount, booking.currency(), payment.get(), event), PaymentRefunded.CANCELLATION,
                event);
    }

    private void expired(EventEnvelope<BookingChanged> event) {
        expireOpenSessions(event.payload().bookingId());
    }

    private void refundRequested(EventEnvelope<RefundRequested> event) {
        RefundRequested request = event.payload();
        if (request.bookingId() == null || request.amount() == null || request.currency() == null
                || !REQUESTED_REASONS.contains(request.reason())) {
            throw new IllegalArgumentException("RefundRequested event " + event.eventId() + " is incomplete");
        }
        Optional<Payment> payment = named(request.bookingId(), request.paymentReference());
        if (payment.isEmpty()) {
            log.warn("RefundRequested for booking {} names payment {}, which is not here", request.bookingId(),
                    request.paymentReference());
            metrics.refund(request.reason(), "no_payment");
            return;
        }
        refund(payment.get(), minor(request.amount(), request.currency(), payment.get(), event), request.reason(),
                event);
    }

    /** Our payment id as the reference, else (or {@code unknown}) the booking's newest payment with something left. */
    private Optional<Payment> named(UUID bookingId, String reference) {
        if (reference != null) {
            try {
                Optional<Payment> byId = payments.find(UUID.fromString(reference))
                        .filter(p -> p.bookingId().equals(bookingId));
                if (byId.isPresent()) {
                    return byId;
                }
            }
            catch (IllegalArgumentException ex) {
                Optional<Payment> byProvider = payments.findByProviderPaymentId(reference)
                        .filter(p -> p.bookingId().equals(bookingId));
                if (byProvider.isPresent()) {
                    return byProvider;
                }
            }
        }
        return payments.forBooking(bookingId).stream().filter(p -> p.refundedMinor() < p.amountMinor())
                .max(Comparator.comparing(Payment::capturedAt));
    }

    private void refund(Payment payment, long amountMinor, String reason, EventEnvelope<?> event) {
        if (!provider.name().equals(payment.provider())) {
            // only the provider that captured a payment can give it back
            log.error("Payment {} of booking {} was captured by {}, but {} is the active provider: refund it there",
                    payment.id(), payment.bookingId(), payment.provider(), provider.name());
            metrics.refund(reason, "wrong_provider");
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String key = "refund-" + payment.id() + "-" + reason + "-" + event.eventId();
        Optional<Refund> refund = records.requestRefund(payment.id(), amountMinor, reason, key, now,
                refunds.firstRetry(now));
        refund.ifPresent(r -> afterCommit(() -> refunds.attempt(r.id()), "refund " + r.id()));
    }

    private void expireOpenSessions(UUID bookingId) {
        List<CheckoutSession> open = sessions.requestExpiry(bookingId, provider.name(),
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        open.forEach(session -> afterCommit(() -> expiry.expire(session), "expiry of session " + session.id()));
    }

    /** The amount in minor units of the payment's currency; a fraction of a minor unit or another currency: invalid. */
    private static long minor(BigDecimal amount, String currency, Payment payment, EventEnvelope<?> event) {
        if (!payment.currency().equals(currency)) {
            throw new IllegalArgumentException("Event " + event.eventId() + " refunds " + currency + ", payment "
                    + payment.id() + " is in " + payment.currency());
        }
        try {
            return amount.movePointRight(Money.fractionDigits(currency)).longValueExact();
        }
        catch (ArithmeticException ex) {
            throw new IllegalArgumentException("Event " + event.eventId() + " refunds " + amount + " " + currency
                    + ", which is not a whole number of minor units", ex);
        }
    }

    /** Runs {@code action} once the consumer's transaction has committed; a failure is left to the retry job. */
    private static void afterCommit(Runnable action, String what) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

            @Override
            public void afterCommit() {
                try {
                    action.run();
                }
                catch (RuntimeException ex) {
                    log.warn("{} failed after commit; the retry job takes it: {}", what, ex.toString());
                }
            }
        });
    }
}
