/**
 * Payment providers behind one interface ({@link com.smartlinkauto.payment.provider.PaymentProvider}: create and
 * expire a checkout session, refund): Stripe through stripe-java ({@code payments.provider=stripe}, the default when
 * {@code STRIPE_SECRET_KEY} is set); the sandbox implementation lives in its own module. Exactly one is active
 * ({@link com.smartlinkauto.payment.provider.ActiveProvider}).
 */
@ApplicationModule(displayName = "Providers", allowedDependencies = { "shared", "config" })
package com.smartlinkauto.payment.provider;

import org.springframework.modulith.ApplicationModule;
