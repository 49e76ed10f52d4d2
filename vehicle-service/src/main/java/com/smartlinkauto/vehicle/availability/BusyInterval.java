package com.smartlinkauto.vehicle.availability;

import java.time.Instant;

/**
 * A time the vehicle cannot be picked up in: a partner blackout, or a booking (HELD or CONFIRMED)
 * extended by the vehicle's turnaround ({@code to} = return + turnaround). Half-open {@code [from, to)}.
 */
public record BusyInterval(Instant from, Instant to, Kind kind) {

    public enum Kind {
        BLACKOUT, BOOKING
    }
}
