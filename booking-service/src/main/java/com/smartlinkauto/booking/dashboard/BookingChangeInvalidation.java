package com.smartlinkauto.booking.dashboard;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.smartlinkauto.booking.cache.CacheInvalidation;
import com.smartlinkauto.booking.cache.CacheNamespaces;
import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.contracts.events.booking.BookingChanged;

/**
 * A booking change makes its partner's earnings stale when it changes their rentals: a booking CONFIRMED (a new or
 * re-confirmed rental) or a confirmed one CANCELLED (only those carry a {@code refundAmount}). A hold, its expiry or
 * cancellation, and CONFIRMED → COMPLETED change no earnings figure; money is the ledger's ({@code PaymentLedger}
 * bumps the partner, the renter and the revenue). Every change, whatever the status, moves the admin overview's
 * bookings by status ({@link CacheNamespaces#BOOKING_COUNTS}): a new hold adds one, any transition moves one from a
 * status to another. (A booking created before this month moves no count of the overview; the event does not carry
 * the creation time, and the overview lives only a minute, so every change bumps.)
 * <p>
 * Listens to the event every booking change publishes in its transaction ({@code BookingEvents.changed}); a plain
 * listener, so the outbox keeps no publication for it, and the bump itself waits for the commit
 * ({@link CacheInvalidation#afterCommit}).
 */
@Component
class BookingChangeInvalidation {

    private final CacheInvalidation invalidation;

    BookingChangeInvalidation(CacheInvalidation invalidation) {
        this.invalidation = invalidation;
    }

    @EventListener
    void on(EventEnvelope<?> event) {
        if (event.payload() instanceof BookingChanged booking) {
            List<String> stale = new ArrayList<>(2);
            stale.add(CacheNamespaces.BOOKING_COUNTS);
            if (booking.partnerId() != null && changesRentals(booking)) {
                stale.add(CacheNamespaces.partner(booking.partnerId()));
            }
            invalidation.afterCommit(stale);
        }
    }

    static boolean changesRentals(BookingChanged booking) {
        return switch (booking.status()) {
            case "CONFIRMED" -> true;
            case "CANCELLED" -> booking.refundAmount() != null;
            default -> false;
        };
    }
}
