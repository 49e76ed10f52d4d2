package com.smartlinkauto.booking.cancel;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.smartlinkauto.booking.bookings.Booking;
import com.smartlinkauto.booking.bookings.BookingEvents;
import com.smartlinkauto.booking.bookings.BookingStore;
import com.smartlinkauto.booking.config.BookingProperties;
import com.smartlinkauto.booking.shared.BookingProblems;
import com.smartlinkauto.booking.shared.Caller;
import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

@Service
class CancelService {

    private final BookingStore store;
    private final BookingEvents events;
    private final CancellationPolicy policy;
    private final Clock clock;
    private final MeterRegistry meters;

    CancelService(BookingStore store, BookingEvents events, BookingProperties properties, Clock clock,
            MeterRegistry meters) {
        this.store = store;
        this.events = events;
        this.policy = CancellationPolicy.of(properties.cancellation());
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * HELD → CANCELLED (no charge, no refund), CONFIRMED → CANCELLED with the policy's refund; 409 from any other
     * status and once the pickup time has come. Only the renter or an admin (the vehicle's partner: 403; anyone
     * else: 404).
     */
    @Transactional
    Booking cancel(Caller caller, UUID bookingId, String reason) {
        Booking booking = mayCancel(caller, bookingId, store.lock(bookingId));
        Instant now = now();
        CancellationPolicy.Outcome outcome = policy.assess(booking, now);
        if (!outcome.cancellable()) {
            throw outcome.problem(booking);
        }
        Booking cancelled = store.cancel(bookingId, caller.id(),
                reason == null || reason.isBlank() ? null : reason.strip(), outcome.refundMinor(), now);
        events.changed(cancelled);
        Counter.builder("smartlink.bookings.cancellations").description("Cancelled bookings by their status before")
                .tag("from", booking.status().name()).register(meters).increment();
        return cancelled;
    }

    /**
     * What {@link #cancel} would do right now, without doing it: the same access check and the same
     * {@link CancellationPolicy#assess} at the same kind of instant. The row is read without a lock: the answer is
     * true as of {@code asOf}; a cancel a moment later re-assesses under its lock (it may cross the full-refund edge
     * or meet a payment in between).
     */
    @Transactional(readOnly = true)
    CancellationPreview preview(Caller caller, UUID bookingId) {
        Booking booking = mayCancel(caller, bookingId, store.find(bookingId));
        Instant now = now();
        CancellationPolicy.Outcome outcome = policy.assess(booking, now);
        Counter.builder("smartlink.bookings.cancellation.previews")
                .description("Cancellation previews by whether the booking could be cancelled")
                .tag("cancellable", Boolean.toString(outcome.cancellable())).register(meters).increment();
        return CancellationPreview.of(booking, outcome, policy, now);
    }

    /** The renter or an admin; the vehicle's partner 403; anyone who may not see the booking 404. */
    private static Booking mayCancel(Caller caller, UUID bookingId, Optional<Booking> found) {
        Booking booking = found.filter(b -> b.visibleTo(caller))
                .orElseThrow(() -> BookingProblems.bookingNotFound(bookingId));
        if (!caller.admin() && !booking.renterId().equals(caller.id())) {
            throw new ApiException(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN,
                    "Only the renter or an admin may cancel a booking.");
        }
        return booking;
    }

    /** Microseconds: what PostgreSQL stores, so the instant answered is the instant recorded. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
