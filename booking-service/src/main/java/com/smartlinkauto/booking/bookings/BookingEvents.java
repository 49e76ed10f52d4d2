package com.smartlinkauto.booking.bookings;

import java.time.Instant;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.smartlinkauto.booking.shared.Money;
import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.contracts.events.booking.BookingChanged;
import com.smartlinkauto.contracts.events.booking.BookingEventTypes;
import com.smartlinkauto.contracts.events.booking.RefundRequested;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The events of booking changes, published inside the transaction of the change: Spring Modulith's publication
 * registry stores each envelope with it (the outbox) and sends it to {@code booking.events} after commit, keyed by
 * the booking id. Every {@code BookingChanged} carries the booking as it is now and its {@code sequence}.
 */
@Component
public class BookingEvents {

    private static final Map<BookingStatus, String> TYPES = Map.of(BookingStatus.HELD, BookingEventTypes.BOOKING_HELD,
            BookingStatus.CONFIRMED, BookingEventTypes.BOOKING_CONFIRMED, BookingStatus.CANCELLED,
            BookingEventTypes.BOOKING_CANCELLED, BookingStatus.EXPIRED, BookingEventTypes.BOOKING_EXPIRED,
            BookingStatus.COMPLETED, BookingEventTypes.BOOKING_COMPLETED);

    private final ApplicationEventPublisher publisher;
    private final MeterRegistry meters;

    BookingEvents(ApplicationEventPublisher publisher, MeterRegistry meters) {
        this.publisher = publisher;
        this.meters = meters;
    }

    /** The booking is now in its status: BookingHeld, BookingConfirmed, ... (in the caller's transaction). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void changed(Booking b) {
        String currency = b.currency();
        BookingChanged payload = new BookingChanged(b.id(), b.vehicleId(), b.renterId(), b.partnerId(),
                b.status().name(), b.pickupAt(), b.returnAt(),
                b.status() == BookingStatus.HELD ? b.holdExpiresAt() : null, Money.toMajor(b.totalMinor(), currency),
                currency, b.status() == BookingStatus.CANCELLED ? b.cancelReason() : null, b.sequence(),
                b.updatedAt(), b.status() == BookingStatus.CANCELLED && b.refundMinor() != null
                        ? Money.toMajor(b.refundMinor(), currency) : null);
        publisher.publishEvent(EventEnvelope.of(TYPES.get(b.status()), b.id().toString(), payload));
        Counter.builder("smartlink.bookings.status.changes").description("Bookings that reached a status")
                .tag("to", b.status().name()).register(meters).increment();
    }

    /** A payment must be given back in full (in the caller's transaction). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void refundRequested(Booking b, String paymentReference, String reason, Instant at) {
        RefundRequested payload = new RefundRequested(b.id(), b.vehicleId(), b.renterId(), paymentReference,
                Money.toMajor(b.totalMinor(), b.currency()), b.currency(), reason, b.status().name(), at);
        publisher.publishEvent(EventEnvelope.of(BookingEventTypes.REFUND_REQUESTED, b.id().toString(), payload));
        Counter.builder("smartlink.bookings.refunds.requested").description("Refunds asked of payment-service")
                .tag("reason", reason).register(meters).increment();
    }
}
