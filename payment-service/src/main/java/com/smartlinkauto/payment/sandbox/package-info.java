/**
 * The sandbox provider ({@code payments.provider=sandbox}, the default without {@code STRIPE_SECRET_KEY}): checkout
 * sessions served by a small page of this service ({@code /payments/sandbox/checkout/{sessionId}}) that takes Stripe's
 * test cards, and webhooks shaped, signed and retried like Stripe's (queued in {@code sandbox_webhook_delivery} with
 * the change that caused them, sent by a single-runner job with exponential back-off), so that both providers go
 * through the same verifying webhook handler.
 */
@ApplicationModule(displayName = "Sandbox provider",
        allowedDependencies = { "provider", "payments", "shared", "config" })
package com.smartlinkauto.payment.sandbox;

import org.springframework.modulith.ApplicationModule;
