/**
 * The dashboards served from this service's data: a partner's earnings ({@code GET
 * /api/partners/{partnerId|me}/earnings}), the admin revenue ({@code GET /api/admin/revenue}) and a renter's totals
 * paid and refunded (part of {@code GET /api/bookings/me}). Aggregated in SQL over indexed columns of the payment
 * ledger and the bookings, read through the dashboards' cache, and made stale by exactly the changes that touch
 * them: a payment or refund (the ledger module), a booking confirmed or a confirmed one cancelled (here, from the
 * booking's event).
 */
@ApplicationModule(displayName = "Dashboards", allowedDependencies = { "cache", "shared", "config" })
package com.smartlinkauto.booking.dashboard;

import org.springframework.modulith.ApplicationModule;
