package com.smartlinkauto.storagenode.heartbeat;

import java.time.Duration;

import org.slf4j.Logger;

/**
 * Failure logging for a call repeated every few seconds: the first failure at WARN, the following
 * ones at DEBUG with a WARN summary once a minute, and an INFO line when the call works again.
 */
final class RateLimitedLog {

    private static final long SUMMARY_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final Logger log;
    private final String what;
    private final String where;
    private final Duration retryEvery;
    private int consecutive;
    private long lastWarnAt;

    RateLimitedLog(Logger log, String what, String where, Duration retryEvery) {
        this.log = log;
        this.what = what;
        this.where = where;
        this.retryEvery = retryEvery;
    }

    synchronized void failure(Exception ex) {
        consecutive++;
        long now = System.nanoTime();
        String reason = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
        if (consecutive == 1) {
            lastWarnAt = now;
            log.warn("{} to the storage controller at {} failed ({}); retrying every {}, further failures at DEBUG "
                    + "with a summary every minute", what, where, reason, retryEvery);
        }
        else if (now - lastWarnAt >= SUMMARY_EVERY_NANOS) {
            lastWarnAt = now;
            log.warn("{} to the storage controller at {} still failing after {} attempts ({})", what, where,
                    consecutive, reason);
        }
        else {
            log.debug("{} to the storage controller at {} failed ({})", what, where, reason);
        }
    }

    /** @return true when this success ends a run of failures */
    synchronized boolean success() {
        boolean recovered = consecutive > 0;
        if (recovered) {
            log.info("{} to the storage controller at {} works again after {} failed attempt(s)", what, where,
                    consecutive);
        }
        consecutive = 0;
        return recovered;
    }
}
