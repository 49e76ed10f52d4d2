package com.smartlinkauto.booking.confirm;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.smartlinkauto.booking.bookings.Booking;
import com.smartlinkauto.booking.bookings.BookingEvents;
import com.smartlinkauto.booking.bookings.BookingStore;
import com.smartlinkauto.booking.shared.BookingProblems;
import com.smartlinkauto.contracts.events.booking.RefundRequested;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A payment arrived for a booking. Shared by {@code POST /internal/bookings/{id}/confirm} and the consumer of
 * {@code payment.events}; idempotent per payment.
 * <ul>
 * <li>HELD → CONFIRMED (also a hold past its expiry the sweeper has not reached yet: its row still blocks the slot,
 * so nobody can have taken it).</li>
 * <li>EXPIRED, or CANCELLED before it was ever confirmed → CONFIRMED again when the slot is still free: the row
 * becomes blocking again inside a savepoint, and the exclusion constraint refuses it when another booking has the
 * slot now; then the payment is to be refunded ({@code SLOT_TAKEN}).</li>
 * <li>CONFIRMED or COMPLETED: the same payment again (or one without a reference) changes nothing; another payment
 * is to be refunded ({@code ALREADY_PAID}). A booking cancelled after it was confirmed: the same; its own refund
 * came with the cancellation.</li>
 * </ul>
 * A refund is asked for once per booking and payment (RefundRequested on {@code booking.events}).
 */
@Service
public class BookingConfirmation {

    private static final Logger log = LoggerFactory.getLogger(BookingConfirmation.class);

    /** The payment reference recorded when the confirmation names none. */
    public static final String UNKNOWN_PAYMENT = "unknown";

    public enum Outcome {
        /** The booking is CONFIRMED now. */
        CONFIRMED,
        /** Nothing changed: this payment had confirmed it already. */
        UNCHANGED,
        /** The payment cannot buy the booking: payment-service is asked to refund it. */
        REFUND_REQUESTED
    }

    /** @param refundReason {@link RefundRequested#SLOT_TAKEN} or {@link RefundRequested#ALREADY_PAID}, else null */
    public record Result(Outcome outcome, Booking booking, String refundReason) {
    }

    private final BookingStore store;
    private final BookingEvents events;
    private final RefundRequests refunds;
    private final TransactionTemplate savepoint;
    private final Clock clock;
    private final MeterRegistry meters;

    BookingConfirmation(BookingStore store, BookingEvents events, RefundRequests refunds,
            PlatformTransactionManager transactions, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.events = events;
        this.refunds = refunds;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
        this.meters = meters;
    }

    /** @param paymentReference the payment (payment-service's id for it), or null when the caller has none */
    @Transactional
    public Result confirm(UUID bookingId, String paymentReference) {
        Booking booking = store.lock(bookingId).orElseThrow(() -> BookingProblems.bookingNotFound(bookingId));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Result result = switch (booking.status()) {
            case HELD -> confirmed(store.confirm(bookingId, paymentReference, now));
            case EXPIRED -> reconfirm(booking, paymentReference, now);
            case CANCELLED -> booking.confirmedAt() == null ? reconfirm(booking, paymentReference, now)
                    : settled(booking, paymentReference, now);
            case CONFIRMED, COMPLETED -> settled(booking, paymentReference, now);
        };
        Counter.builder("smartlink.bookings.confirmations").description("Confirmations by outcome")
                .tag("outcome", result.outcome().name()).register(meters).increment();
        return result;
    }

    private Result confirmed(Booking booking) {
        events.changed(booking);
        return new Result(Outcome.CONFIRMED, booking, null);
    }

    /** EXPIRED or CANCELLED (never confirmed): blocking again if the constraint lets it, else refund. */
    private Result reconfirm(Booking booking, String paymentReference, Instant now) {
        try {
            Booking confirmed = savepoint.execute(status -> store.confirm(booking.id(), paymentReference, now));
            log.info("Booking {} was {} and is CONFIRMED again by a late payment: its slot was still free",
                    booking.id(), booking.status());
            return confirmed(Objects.requireNonNull(confirmed));
        }
        catch (DataIntegrityViolationException ex) {
            log.info("Booking {} was {} and its slot is taken: the late payment is to be refunded", booking.id(),
                    booking.status());
            return refund(booking, paymentReference, RefundRequested.SLOT_TAKEN, now);
        }
    }

    /** Already paid (and maybe cancelled since): the same payment changes nothing, another one goes back. */
    private Result settled(Booking booking, String paymentReference, Instant now) {
        if (paymentReference == null || booking.paymentReference() == null
                || paymentReference.equals(booking.paymentReference())) {
            return new Result(Outcome.UNCHANGED, booking, null);
        }
        return refund(booking, paymentReference, RefundRequested.ALREADY_PAID, now);
    }

    private Result refund(Booking booking, String paymentReference, String reason, Instant now) {
        String reference = paymentReference == null ? UNKNOWN_PAYMENT : paymentReference;
        if (refunds.record(booking.id(), reference, booking.totalMinor(), booking.currency(), reason, now)) {
            events.refundRequested(booking, reference, reason, now);
        }
        return new Result(Outcome.REFUND_REQUESTED, booking, reason);
    }
}
