package com.smartlinkauto.booking.dashboard;

import java.time.Duration;
import java.time.Instant;

import com.smartlinkauto.servicedefaults.validation.InvalidInputException;

/**
 * The half-open window {@code [from, to)} of a dashboard: {@code to} after {@code from} and at most
 * {@value #MAX_DAYS} days later (each bound a sane instant, 1970–2200, checked by {@code @SaneInstant} on the
 * parameter). Otherwise 400 {@code validation} naming {@code to}.
 */
record Window(Instant from, Instant to) {

    static final int MAX_DAYS = 366;

    static Window of(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw new InvalidInputException("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            throw new InvalidInputException("to", "must be at most " + MAX_DAYS + " days after from");
        }
        return new Window(from, to);
    }

    /** Whole seconds in the window (what utilisation divides by). */
    long seconds() {
        return Duration.between(from, to).getSeconds();
    }
}
