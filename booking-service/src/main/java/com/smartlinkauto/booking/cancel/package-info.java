/**
 * Cancellation by the renter or an admin: a HELD booking free of charge, a CONFIRMED one before its pickup with the
 * refund the policy in {@code config-repo} gives ({@link com.smartlinkauto.booking.cancel.CancellationPolicy}: 100 %
 * at least 24 h before, 50 % later), on the BookingCancelled event; and the preview of that, by the same rule
 * ({@code GET /api/bookings/{id}/cancellation}).
 */
@ApplicationModule(displayName = "Cancellation", allowedDependencies = { "bookings", "shared", "config" })
package com.smartlinkauto.booking.cancel;

import org.springframework.modulith.ApplicationModule;
