package com.smartlinkauto.vehicle.cache;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import com.smartlinkauto.vehicle.catalog.VehiclesChanged;

/**
 * The one place the cache is invalidated: a {@link VehiclesChanged} bumps the versions of the namespaces of
 * every place it touched ({@link CacheNamespaces#of}), once the transaction that published it has committed —
 * never before, so no reader can refill an entry from data that is not committed yet, and in the request's own
 * thread, so the writer reads its own change at once. Changes applied by the Kafka consumers (the partner
 * cascade from {@code user.events}, the booking projection) are published in their transactions and
 * invalidated the same way; an event published outside a transaction is handled at once.
 * <p>
 * Like every after-commit listener, it is tracked by Spring Modulith's event publication registry: had the
 * process stopped between the commit and the bump, the publication is resubmitted on restart. The
 * {@code vehicle.events} consumer ({@link VehicleEventsListener}) bumps again, for a bump Redis missed.
 * <p>
 * A Kafka consumer's change needs no such record: when the process stops between its commit and the bump,
 * the record's offset is not committed either and the event comes again. Consumers therefore call
 * {@link #afterConsumerCommit} instead of publishing (the booking projection applies one change per booking
 * event, and a publication record per event cost a database insert and update each).
 */
@Component
public class CacheInvalidation {

    private final VehicleCache cache;

    CacheInvalidation(VehicleCache cache) {
        this.cache = cache;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void afterCommit(VehiclesChanged change) {
        invalidate(change);
    }

    /**
     * For Kafka consumers: bumps the namespaces {@code change} touches once the current transaction commits
     * (at once outside a transaction), without an event publication record.
     */
    public void afterConsumerCommit(VehiclesChanged change) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            invalidate(change);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                invalidate(change);
            }
        });
    }

    /** Bumps the namespaces now (Redis unreachable: logged, entries expire within their TTL). */
    void invalidate(VehiclesChanged change) {
        cache.invalidate(CacheNamespaces.of(change));
    }
}
