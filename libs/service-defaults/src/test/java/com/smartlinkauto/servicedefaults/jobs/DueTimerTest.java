package com.smartlinkauto.servicedefaults.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

class DueTimerTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final DueTimer timer = new DueTimer(Duration.ofSeconds(10), clock::get);

    private void advance(Duration by) {
        clock.addAndGet(by.toNanos());
    }

    @Test
    void dueAtOnceThenOnlyAfterTheInterval() {
        assertThat(timer.claim()).isTrue();
        assertThat(timer.claim()).isFalse();
        advance(Duration.ofMillis(9_999));
        assertThat(timer.claim()).isFalse();
        advance(Duration.ofMillis(1));
        assertThat(timer.claim()).isTrue();
        assertThat(timer.claim()).isFalse();
    }

    @Test
    void aWakeUpMakesItDueAtTheNextTickOnce() {
        timer.claim();
        advance(Duration.ofSeconds(1));
        timer.wake();
        assertThat(timer.claim()).isTrue();
        assertThat(timer.claim()).isFalse();
        advance(Duration.ofMillis(9_999));
        assertThat(timer.claim()).as("the interval counts from the woken run").isFalse();
        advance(Duration.ofMillis(1));
        assertThat(timer.claim()).isTrue();
    }

    @Test
    void aWakeUpDuringARunMakesItDueAgain() {
        assertThat(timer.claim()).isTrue();
        timer.wake(); // work created while the claimed run was going on
        assertThat(timer.claim()).isTrue();
        assertThat(timer.claim()).isFalse();
    }

    @Test
    void everyWakeUpCountsWhateverRunsBetween() {
        timer.claim();
        timer.wakeWithin(Duration.ofSeconds(5));
        timer.wakeWithin(Duration.ofSeconds(2));
        timer.wakeWithin(Duration.ofSeconds(30)); // after the next sweep: still remembered
        advance(Duration.ofMillis(1_999));
        assertThat(timer.claim()).isFalse();
        advance(Duration.ofMillis(1));
        assertThat(timer.claim()).as("2 s").isTrue();
        advance(Duration.ofSeconds(2));
        assertThat(timer.claim()).isFalse();
        advance(Duration.ofSeconds(1));
        assertThat(timer.claim()).as("5 s").isTrue();
        advance(Duration.ofSeconds(10));
        assertThat(timer.claim()).as("the sweep, 10 s after the last run").isTrue();
        advance(Duration.ofSeconds(9));
        assertThat(timer.claim()).isFalse();
        advance(Duration.ofSeconds(1));
        assertThat(timer.claim()).as("the next sweep, at 25 s").isTrue();
        advance(Duration.ofSeconds(4));
        assertThat(timer.claim()).isFalse();
        advance(Duration.ofSeconds(1));
        assertThat(timer.claim()).as("30 s").isTrue();
        assertThat(timer.claim()).isFalse();
    }

    @Test
    void aRunThatWasDueAnywayKeepsALaterWakeUp() {
        // the first tick (due at start) comes after work was queued for 4 s later: that work must not wait for
        // the sweep (the bug the payment ITs caught: a claim used to overwrite the pending wake-up)
        timer.wakeWithin(Duration.ofSeconds(4));
        advance(Duration.ofSeconds(1));
        assertThat(timer.claim()).as("due at start").isTrue();
        advance(Duration.ofMillis(2_999));
        assertThat(timer.claim()).isFalse();
        advance(Duration.ofMillis(1));
        assertThat(timer.claim()).as("the wake-up queued before").isTrue();
    }

    @Test
    void remembersABoundedNumberOfWakeUps() {
        timer.claim();
        for (int i = 1; i <= DueTimer.MAX_PENDING + 100; i++) {
            timer.wakeWithin(Duration.ofMillis(i));
        }
        advance(Duration.ofMillis(DueTimer.MAX_PENDING));
        assertThat(timer.claim()).isTrue();
        advance(Duration.ofMillis(50));
        assertThat(timer.claim()).as("the latest wake-ups were dropped; the sweep finds their work").isFalse();
    }

    @Test
    void survivesTheNanoClockWrappingAround() {
        AtomicLong nearMax = new AtomicLong(Long.MAX_VALUE - 1_000);
        DueTimer wrapping = new DueTimer(Duration.ofSeconds(1), nearMax::get);
        assertThat(wrapping.claim()).isTrue();
        nearMax.addAndGet(500_000_000L);
        assertThat(wrapping.claim()).isFalse();
        nearMax.addAndGet(500_000_000L);
        assertThat(wrapping.claim()).isTrue();
    }

    @Test
    void wakeAfterCommitWaitsForTheCommit() {
        timer.claim();
        TransactionSynchronizationManager.initSynchronization();
        try {
            timer.wakeAfterCommit();
            assertThat(timer.claim()).as("not before the commit").isFalse();
            complete(TransactionSynchronization.STATUS_COMMITTED);
            assertThat(timer.claim()).as("after the commit").isTrue();
        }
        finally {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void aRollbackWakesNothing() {
        timer.claim();
        TransactionSynchronizationManager.initSynchronization();
        try {
            timer.wakeAfterCommit();
            complete(TransactionSynchronization.STATUS_ROLLED_BACK);
            assertThat(timer.claim()).isFalse();
        }
        finally {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void aWakeUpAskedForInAnotherSynchronizationsAfterCommitStillComes() {
        // payment-service calls its provider in an afterCommit callback; the sandbox queues its webhook there
        timer.claim();
        TransactionSynchronizationManager.initSynchronization();
        try {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    timer.wakeAfterCommit(Duration.ofSeconds(1));
                }
            });
            complete(TransactionSynchronization.STATUS_COMMITTED);
            assertThat(timer.claim()).isFalse();
            advance(Duration.ofSeconds(1));
            assertThat(timer.claim()).isTrue();
        }
        finally {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    /** What AbstractPlatformTransactionManager does: afterCommit callbacks, then (a fresh list) afterCompletion. */
    private static void complete(int status) {
        if (status == TransactionSynchronization.STATUS_COMMITTED) {
            TransactionSynchronizationUtils.invokeAfterCommit(TransactionSynchronizationManager.getSynchronizations());
        }
        TransactionSynchronizationUtils.invokeAfterCompletion(TransactionSynchronizationManager.getSynchronizations(),
                status);
    }

    @Test
    void withoutATransactionItWakesAtOnce() {
        timer.claim();
        timer.wakeAfterCommit();
        assertThat(timer.claim()).isTrue();
    }

    @Test
    void refusesAnIntervalThatIsNotPositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DueTimer(Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> new DueTimer(Duration.ofSeconds(-1)));
    }
}
