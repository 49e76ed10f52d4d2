package com.smartlinkauto.booking.cancel;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
        Booking booking = store.lock(bookingId).filter(b -> b.visibleTo(caller))
                .orElseThrow(() -> BookingProblems.bookingNotFound(bookingId));
        if (!caller.admin() && !booking.renterId().equals(caller.id())) {
            throw new ApiException(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN,
                    "Only the renter or an admin may cancel a booking.");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Long refund = switch (booking.status()) {
            case HELD -> null;
            case CONFIRMED -> policy.refundMinor(bookingId, booking.totalMinor(), booking.pickupAt(), now);
            default -> throw BookingProblems.illegalTransition(bookingId, booking.status().name(), "cancelled");
        };
        Booking cancelled = store.cancel(bookingId, caller.id(),
                reason == null || reason.isBlank() ? null : reason.strip(), refund, now);
        events.changed(cancelled);
        Counter.builder("smartlink.bookings.cancellations").description("Cancelled bookings by their status before")
                .tag("from", booking.status().name()).register(meters).increment();
        return cancelled;
    }
}
