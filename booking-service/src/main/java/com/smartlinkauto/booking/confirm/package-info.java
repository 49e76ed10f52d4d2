/**
 * Confirmation, and everything payment-service asks of this service: the one method
 * ({@link com.smartlinkauto.booking.confirm.BookingConfirmation#confirm}) that {@code POST
 * /internal/bookings/{id}/confirm} and the consumer of {@code payment.events} (PaymentSucceeded) share, and
 * {@code GET /internal/bookings/{id}}, the read a checkout takes its amount from. HELD → CONFIRMED; an EXPIRED or
 * CANCELLED hold is confirmed only while its slot is still free (the exclusion constraint decides), otherwise the
 * payment is to be refunded (RefundRequested); a second confirmation changes nothing. Every captured payment and
 * every refund on {@code payment.events} also goes into the payment ledger, in the consumer's transaction.
 */
@ApplicationModule(displayName = "Confirmation", allowedDependencies = { "bookings", "ledger", "shared", "config" })
package com.smartlinkauto.booking.confirm;

import org.springframework.modulith.ApplicationModule;
