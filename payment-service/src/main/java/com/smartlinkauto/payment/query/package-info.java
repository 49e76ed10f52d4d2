/**
 * Reading a booking's payments: {@code GET /api/payments/bookings/{bookingId}} by its renter, the vehicle's partner or
 * an admin (anyone else 404): its checkout sessions, payments, refunds, ledger rows and the totals the ledger sums to.
 */
@ApplicationModule(displayName = "Queries", allowedDependencies = { "payments", "shared", "config" })
package com.smartlinkauto.payment.query;

import org.springframework.modulith.ApplicationModule;
