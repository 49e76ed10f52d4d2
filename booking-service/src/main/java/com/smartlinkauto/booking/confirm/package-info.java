/**
 * Confirmation: the one method ({@link com.smartlinkauto.booking.confirm.BookingConfirmation#confirm}) that
 * {@code POST /internal/bookings/{id}/confirm} and payment-service's events share. HELD → CONFIRMED; an EXPIRED or
 * CANCELLED hold is confirmed only while its slot is still free (the exclusion constraint decides), otherwise the
 * payment is to be refunded (RefundRequested); a second confirmation changes nothing.
 */
@ApplicationModule(displayName = "Confirmation", allowedDependencies = { "bookings", "shared", "config" })
package com.smartlinkauto.booking.confirm;

import org.springframework.modulith.ApplicationModule;
