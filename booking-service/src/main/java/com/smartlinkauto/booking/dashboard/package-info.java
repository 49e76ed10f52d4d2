/**
 * The dashboards served from this service's data: a partner's earnings ({@code GET
 * /api/partners/{partnerId|me}/earnings}), the admin revenue ({@code GET /api/admin/revenue}), a renter's totals
 * paid and refunded (part of {@code GET /api/bookings/me}) and this service's part of the admin overview
 * ({@code GET /internal/overview}, user-service's read: bookings by status today and this month, revenue this month
 * and last month). Aggregated in SQL over indexed columns of the payment ledger and the bookings, read through the
 * dashboards' cache, and made stale by exactly the changes that touch them: a payment or refund (the ledger module),
 * a booking confirmed or a confirmed one cancelled (here, from the booking's event), and for the overview's counts
 * any booking change.
 */
@ApplicationModule(displayName = "Dashboards", allowedDependencies = { "bookings", "cache", "shared", "config" })
package com.smartlinkauto.booking.dashboard;

import org.springframework.modulith.ApplicationModule;
