package com.smartlinkauto.payment;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/**
 * Payments: checkout sessions for HELD bookings at Stripe or the local sandbox provider (which signs its webhooks
 * exactly like Stripe), one verifying webhook endpoint for both, refunds with idempotency keys, and an append-only
 * ledger in minor units. Every payment, failure and refund is published on {@code payment.events} through the outbox.
 * Each package under this one is a Spring Modulith application module ({@code package-info.java} says what it owns
 * and what it may use); {@code ModulesTest} fails the build on a cycle.
 */
@SpringBootApplication
@Modulithic(systemName = "payment-service", sharedModules = "shared")
@ConfigurationPropertiesScan
public class PaymentServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(PaymentServiceApplication.class, args);
    }
}
