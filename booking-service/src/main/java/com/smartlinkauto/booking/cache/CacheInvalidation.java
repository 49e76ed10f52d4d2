package com.smartlinkauto.booking.cache;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Bumps namespaces once the current transaction has committed — never before, so no reader can refill an entry from
 * data that is not committed yet — and each namespace once per transaction, however many changes of it the
 * transaction made (a payment confirms a booking and writes a ledger row: that partner is bumped once). Outside a
 * transaction the bump happens at once.
 * <p>
 * No publication record is kept: should the process stop between a commit and the bump, the entries stay stale until
 * their TTL at most (10 min for earnings and revenue, 5 min for a renter's totals). For a change made by the
 * {@code payment.events} consumer not even that: its offset is committed after the transaction, so the event comes
 * again and bumps then.
 */
@Component
public class CacheInvalidation {

    private final DashboardCache cache;

    CacheInvalidation(DashboardCache cache) {
        this.cache = cache;
    }

    /** The namespaces become stale when the current transaction commits (at once outside a transaction). */
    public void afterCommit(Collection<String> namespaces) {
        if (namespaces.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            cache.invalidate(namespaces);
            return;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.namespaces.addAll(namespaces);
    }

    /** The namespaces one transaction touched, bumped together after its commit. */
    private final class Pending implements TransactionSynchronization {

        private final Set<String> namespaces = new LinkedHashSet<>();

        @Override
        public void afterCommit() {
            cache.invalidate(namespaces);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(CacheInvalidation.this);
        }
    }
}
