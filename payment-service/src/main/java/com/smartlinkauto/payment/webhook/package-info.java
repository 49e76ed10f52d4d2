/**
 * The provider's webhook, {@code POST /api/payments/webhook} (public; the {@code Stripe-Signature} header is the
 * authentication): the raw body verified with stripe-java's {@code Webhook.constructEvent} against the active
 * provider's secret, 5 minutes' tolerance; then one transaction stores the event id (a redelivery changes nothing) and
 * the change it brings, and only its commit earns a 2xx. Stripe's own advice:
 * https://docs.stripe.com/webhooks#verify-events, #handle-duplicate-events, #event-ordering.
 */
@ApplicationModule(displayName = "Webhooks", allowedDependencies = { "provider", "payments", "shared", "config" })
package com.smartlinkauto.payment.webhook;

import org.springframework.modulith.ApplicationModule;
