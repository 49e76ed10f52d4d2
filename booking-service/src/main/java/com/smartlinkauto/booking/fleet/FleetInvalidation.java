package com.smartlinkauto.booking.fleet;

import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.smartlinkauto.booking.cache.CacheInvalidation;
import com.smartlinkauto.booking.cache.CacheNamespaces;
import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.contracts.events.booking.BookingChanged;

/**
 * Every change of a booking — a hold, its expiry, a confirmation, a cancellation, a completion — changes its
 * partner's fleet status, and no other partner's: their {@link CacheNamespaces#fleet} namespace is bumped once the
 * change has committed. Money (payments, refunds) changes no fleet status and bumps nothing here. Listens to the
 * event every booking change publishes in its transaction, like the dashboards' invalidation.
 */
@Component
class FleetInvalidation {

    private final CacheInvalidation invalidation;

    FleetInvalidation(CacheInvalidation invalidation) {
        this.invalidation = invalidation;
    }

    @EventListener
    void on(EventEnvelope<?> event) {
        if (event.payload() instanceof BookingChanged booking && booking.partnerId() != null) {
            invalidation.afterCommit(List.of(CacheNamespaces.fleet(booking.partnerId())));
        }
    }
}
