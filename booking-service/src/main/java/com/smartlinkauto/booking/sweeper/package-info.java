/**
 * The sweeper: on one instance at a time (ShedLock), every few seconds, HELD bookings past their expiry become
 * EXPIRED and CONFIRMED ones past their return COMPLETED, each change an event.
 */
@ApplicationModule(displayName = "Sweeper", allowedDependencies = { "bookings", "config" })
package com.smartlinkauto.booking.sweeper;

import org.springframework.modulith.ApplicationModule;
