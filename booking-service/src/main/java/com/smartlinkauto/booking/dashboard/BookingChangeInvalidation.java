package com.smartlinkauto.booking.dashboard;

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
 * cancellation, and CONFIRMED → COMPLETED change no dashboard figure and bump nothing; money is the ledger's
 * ({@code PaymentLedger} bumps the partner, the renter and the revenue).
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
        if (event.payload() instanceof BookingChanged booking && booking.partnerId() != null
                && changesRentals(booking)) {
            invalidation.afterCommit(List.of(CacheNamespaces.partner(booking.partnerId())));
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
