package com.smartlinkauto.contracts.events.booking;

import java.util.Set;

/**
 * The {@code type} values of the envelopes booking-service publishes to {@code booking.events}
 * (aggregate id and key = booking id, so one booking's events stay ordered; every payload is a
 * {@link BookingChanged} with the vehicle and the interval).
 */
public final class BookingEventTypes {

    public static final String BOOKING_HELD = "BookingHeld";
    public static final String BOOKING_CONFIRMED = "BookingConfirmed";
    public static final String BOOKING_CANCELLED = "BookingCancelled";
    public static final String BOOKING_EXPIRED = "BookingExpired";
    public static final String BOOKING_COMPLETED = "BookingCompleted";

    public static final Set<String> ALL = Set.of(BOOKING_HELD, BOOKING_CONFIRMED, BOOKING_CANCELLED, BOOKING_EXPIRED,
            BOOKING_COMPLETED);

    /** Statuses whose interval blocks the vehicle (docs/architecture.md, Booking engine: HELD and CONFIRMED). */
    public static final Set<String> BLOCKING_STATUSES = Set.of("HELD", "CONFIRMED");

    private BookingEventTypes() {
    }
}
