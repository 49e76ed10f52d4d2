package com.smartlinkauto.servicedefaults.jobs;

import java.time.Duration;
import java.util.TreeSet;
import java.util.function.LongSupplier;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * When a polling job is next due: at the latest {@code every} after its last run, at once after {@link #wake()}
 * (something this instance did created work for it), or after {@link #wakeWithin(Duration)} (work will be due
 * then, e.g. a retry's back-off). A {@code @Scheduled} tick asks {@link #claim()} and runs the job (and takes
 * its ShedLock) only when it answers true, so an idle service does no query and no lock round trip per tick.
 * Work another instance created is found by that instance's own wake-up or by the {@code every} sweep.
 */
public final class DueTimer {

    /** Wake-ups remembered at most; beyond that the latest are dropped (the {@code every} sweep finds their work). */
    static final int MAX_PENDING = 1024;

    private final long everyNanos;
    private final LongSupplier nanoClock;
    /** Times are kept relative to this (System.nanoTime's origin is arbitrary and may be near overflow). */
    private final long origin;
    private long sweepAt;
    private final TreeSet<Long> wakeAt = new TreeSet<>();

    /** Due at once (the first tick runs the job), then every {@code every} unless woken earlier. */
    public DueTimer(Duration every) {
        this(every, System::nanoTime);
    }

    DueTimer(Duration every, LongSupplier nanoClock) {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("every must be positive: " + every);
        }
        this.everyNanos = every.toNanos();
        this.nanoClock = nanoClock;
        this.origin = nanoClock.getAsLong();
        this.sweepAt = 0;
    }

    private long now() {
        return nanoClock.getAsLong() - origin;
    }

    /**
     * True when the job is due (its sweep time or a wake-up has come): the sweep is then set to {@code every} from
     * now, and wake-ups still in the future stay (a wake-up that arrives while the job runs makes it due again).
     */
    public synchronized boolean claim() {
        long now = now();
        boolean woken = false;
        while (!wakeAt.isEmpty() && wakeAt.first() <= now) {
            wakeAt.pollFirst();
            woken = true;
        }
        if (!woken && now < sweepAt) {
            return false;
        }
        sweepAt = now + everyNanos;
        return true;
    }

    /** Due at the next tick. */
    public void wake() {
        wakeWithin(Duration.ZERO);
    }

    /** Due {@code delay} from now (besides every other due time). */
    public synchronized void wakeWithin(Duration delay) {
        wakeAt.add(now() + Math.max(0, delay.toNanos()));
        if (wakeAt.size() > MAX_PENDING) {
            wakeAt.pollLast();
        }
    }

    /**
     * {@link #wake()} once the current transaction commits (the job's query must see the change), at once
     * without one; nothing when it rolls back.
     */
    public void wakeAfterCommit() {
        wakeAfterCommit(Duration.ZERO);
    }

    /**
     * {@link #wakeWithin(Duration)} once the current transaction commits, at once without one. Hooked on the
     * transaction's completion, not on {@code afterCommit}: code that runs in another synchronization's
     * {@code afterCommit} (a provider call made once the caller's transaction committed) still registers in the
     * committed transaction, whose {@code afterCommit} callbacks have all been called by then but whose completion
     * callbacks have not.
     */
    public void wakeAfterCommit(Duration delay) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_COMMITTED) {
                        wakeWithin(delay);
                    }
                }
            });
        }
        else {
            wakeWithin(delay);
        }
    }
}
