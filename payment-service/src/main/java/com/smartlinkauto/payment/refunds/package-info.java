/**
 * What booking-service's events ask of payments: BookingCancelled with a refund amount (the cancellation policy's) and
 * RefundRequested (a payment the booking could not take) refund through the provider; BookingExpired and
 * BookingCancelled expire the booking's open checkout session at the provider (Stripe's sessions outlive our holds).
 * A refund is stored PENDING first (its idempotency key makes a replayed event change nothing), the provider is
 * called outside any transaction, and its answer is recorded in a second one; failures are retried by a
 * single-runner job with back-off and the same idempotency key.
 */
@ApplicationModule(displayName = "Refunds and session expiry",
        allowedDependencies = { "provider", "payments", "shared", "config" })
package com.smartlinkauto.payment.refunds;

import org.springframework.modulith.ApplicationModule;
