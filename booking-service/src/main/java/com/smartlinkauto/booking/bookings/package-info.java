/**
 * The bookings themselves: the {@code bookings} table and its exclusion constraint (no two HELD or CONFIRMED
 * bookings of a vehicle overlap, turnaround included), the booking record and its statuses, the rules a requested
 * rental must follow ({@link com.smartlinkauto.booking.bookings.Stay}), the API view, and the events of every
 * change ({@link com.smartlinkauto.booking.bookings.BookingEvents}: {@code booking.events} through the outbox, in the
 * transaction of the change, with the booking's {@code sequence}). The feature modules (hold, cancel, confirm,
 * sweeper, query) build on it.
 */
@ApplicationModule(displayName = "Bookings", allowedDependencies = { "shared", "config" })
package com.smartlinkauto.booking.bookings;

import org.springframework.modulith.ApplicationModule;
