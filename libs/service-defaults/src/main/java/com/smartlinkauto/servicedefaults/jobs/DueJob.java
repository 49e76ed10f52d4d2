package com.smartlinkauto.servicedefaults.jobs;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;

/**
 * A polling job that runs only when due ({@link DueTimer}) and then on one instance at a time (ShedLock, the
 * service's {@code shedlock} table). Call {@link #tick(Runnable)} from a frequent {@code @Scheduled} method: a tick
 * that is not due costs nothing (no query, no lock round trip); a due one whose lock another instance holds is
 * tried again shortly (that instance may have looked before this one's work was committed).
 */
public final class DueJob {

    /** When another instance held the lock: look again this soon. */
    static final Duration BUSY_RETRY = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(DueJob.class);

    private final String name;
    private final Duration lockAtMostFor;
    private final DueTimer due;
    private final LockingTaskExecutor locks;

    public DueJob(String name, Duration lockAtMostFor, Duration every, LockProvider lockProvider) {
        this.name = name;
        this.lockAtMostFor = lockAtMostFor;
        this.due = new DueTimer(every);
        this.locks = new DefaultLockingTaskExecutor(lockProvider);
    }

    /** Runs {@code body} under the lock if the job is due; true when it ran. */
    public boolean tick(Runnable body) {
        if (!due.claim()) {
            return false;
        }
        LockingTaskExecutor.TaskResult<Boolean> result;
        try {
            result = locks.executeWithLock(() -> {
                body.run();
                return Boolean.TRUE;
            }, new LockConfiguration(Instant.now(), name, lockAtMostFor, Duration.ZERO));
        }
        catch (RuntimeException | Error ex) {
            throw ex;
        }
        catch (Throwable ex) {
            throw new IllegalStateException(ex);
        }
        if (!result.wasExecuted()) {
            log.debug("Job {} is due but another instance holds its lock: looking again in {}", name, BUSY_RETRY);
            due.wakeWithin(BUSY_RETRY);
            return false;
        }
        return true;
    }

    /** When the next run is due: wake it at once, after a commit, or within a delay. */
    public DueTimer due() {
        return due;
    }
}
