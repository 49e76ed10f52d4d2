package com.smartlinkauto.payment.provider;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import com.smartlinkauto.payment.config.PaymentProperties;

/**
 * Which provider's beans exist: {@code payments.provider}, or when it is blank {@code stripe} if
 * {@code payments.stripe.secret-key} ({@code STRIPE_SECRET_KEY}) is set and {@code sandbox} otherwise. One rule for
 * both conditions, the same as {@link PaymentProperties#activeProvider()}.
 */
public final class ActiveProvider {

    private ActiveProvider() {
    }

    static String of(ConditionContext context) {
        Binder binder = Binder.get(context.getEnvironment());
        String provider = binder.bind("payments.provider", String.class).orElse("");
        String key = binder.bind("payments.stripe.secret-key", String.class).orElse("");
        if (!provider.isBlank()) {
            return provider.strip();
        }
        return key.isBlank() ? PaymentProperties.SANDBOX : PaymentProperties.STRIPE;
    }

    /** Active when the provider is {@code stripe}. */
    public static final class Stripe implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return PaymentProperties.STRIPE.equals(of(context));
        }
    }

    /** Active when the provider is {@code sandbox}. */
    public static final class Sandbox implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return PaymentProperties.SANDBOX.equals(of(context));
        }
    }
}
