package com.smartlinkauto.servicedefaults.validation;

import java.time.Instant;

/**
 * A half-open window {@code [min, max)} of instants a client may send. {@link #DEFAULT} (1970 to 2200)
 * is what every date on the platform must lie in; features narrow it (a blackout's end at most two years
 * ahead, say).
 */
public record InstantWindow(Instant min, Instant max) {

    public static final String MIN_TEXT = "1970-01-01T00:00:00Z";
    public static final String MAX_TEXT = "2200-01-01T00:00:00Z";
    public static final Instant MIN = Instant.parse(MIN_TEXT);
    public static final Instant MAX = Instant.parse(MAX_TEXT);
    public static final InstantWindow DEFAULT = new InstantWindow(MIN, MAX);

    public InstantWindow {
        if (!max.isAfter(min)) {
            throw new IllegalArgumentException("An instant window needs max after min: " + min + ", " + max);
        }
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(min) && instant.isBefore(max);
    }

    public String describe() {
        return "must be between " + min + " and " + max;
    }
}
