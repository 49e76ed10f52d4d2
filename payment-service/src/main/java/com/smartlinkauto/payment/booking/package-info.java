/**
 * booking-service as payment-service sees it: a booking's status, renter, partner, vehicle, total and hold expiry,
 * read from its internal API ({@code GET /internal/bookings/{id}}) with this service's service token, through a
 * circuit breaker ({@link com.smartlinkauto.payment.booking.BookingDirectory}).
 */
@ApplicationModule(displayName = "Bookings", allowedDependencies = { "shared", "config" })
package com.smartlinkauto.payment.booking;

import org.springframework.modulith.ApplicationModule;
