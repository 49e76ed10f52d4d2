package com.smartlinkauto.payment.sandbox;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.smartlinkauto.payment.config.PaymentProperties;
import com.smartlinkauto.payment.payments.PaymentStore;
import com.smartlinkauto.payment.payments.SessionStore;
import com.smartlinkauto.payment.provider.ActiveProvider;

import net.javacrumbs.shedlock.core.LockProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox provider and its webhook deliveries (and, as a conditional component, its page): only while the sandbox
 * is the active provider.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ActiveProvider.Sandbox.class)
class SandboxConfiguration {

    @Bean
    SandboxEvents sandboxEvents(JsonMapper json) {
        return new SandboxEvents(json);
    }

    @Bean
    SandboxDeliveries sandboxDeliveries(JdbcClient jdbc, PaymentProperties properties, Environment environment,
            Clock clock, LockProvider lockProvider) {
        if (properties.sandbox().webhookSecret() == null || properties.sandbox().webhookSecret().isBlank()) {
            throw new IllegalStateException("The sandbox provider needs PAYMENTS_SANDBOX_WEBHOOK_SECRET");
        }
        return new SandboxDeliveries(jdbc, properties, environment, clock, lockProvider);
    }

    @Bean
    SandboxProvider sandboxProvider(PaymentProperties properties, SessionStore sessions, PaymentStore payments,
            SandboxEvents events, SandboxDeliveries deliveries, TransactionTemplate tx, Clock clock) {
        return new SandboxProvider(properties, sessions, payments, events, deliveries, tx, clock);
    }
}
