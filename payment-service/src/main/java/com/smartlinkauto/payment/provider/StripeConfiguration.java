package com.smartlinkauto.payment.provider;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import com.smartlinkauto.payment.config.PaymentProperties;
import com.stripe.StripeClient;

/**
 * The Stripe provider, when it is the active one: a {@link StripeClient} with the secret key, the configured API base
 * (tests point it at a local stub) and time-outs. Refuses to start without the webhook secret: without it no payment
 * could ever be recorded.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ActiveProvider.Stripe.class)
class StripeConfiguration {

    @Bean
    StripeProvider stripeProvider(PaymentProperties properties) {
        PaymentProperties.Stripe stripe = properties.stripe();
        if (stripe.secretKey() == null || stripe.secretKey().isBlank()) {
            throw new IllegalStateException("payments.provider is stripe but STRIPE_SECRET_KEY is not set");
        }
        if (stripe.webhookSecret() == null || stripe.webhookSecret().isBlank()) {
            throw new IllegalStateException("payments.provider is stripe but STRIPE_WEBHOOK_SECRET is not set");
        }
        StripeClient client = StripeClient.builder()
                .setApiKey(stripe.secretKey())
                .setApiBase(stripe.apiBase().toString().replaceAll("/+$", ""))
                .setConnectTimeout((int) stripe.connectTimeout().toMillis())
                .setReadTimeout((int) stripe.readTimeout().toMillis())
                .setMaxNetworkRetries(stripe.maxNetworkRetries())
                .build();
        return new StripeProvider(client, stripe.webhookSecret());
    }
}
