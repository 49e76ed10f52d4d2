package com.smartlinkauto.payment.payments;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The service's counters ({@code smartlink_payments_*} in Prometheus): checkouts by provider and result, webhooks by
 * event type and result, refunds by reason and result, and the amounts captured and refunded in minor units per
 * currency. Tag values come from small fixed sets (an unknown webhook type is tagged {@code other}).
 */
@Component
public class PaymentMetrics {

    private final MeterRegistry meters;

    PaymentMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** {@code result}: created, existing, not_found, not_payable, hold_expired, unavailable, provider_error. */
    public void checkout(String provider, String result) {
        Counter.builder("smartlink.payments.checkouts").description("Checkout requests, by provider and result")
                .tag("provider", provider).tag("result", result).register(meters).increment();
    }

    /** {@code result}: processed, duplicate, ignored, invalid_signature, invalid, error. */
    public void webhook(String type, String result) {
        Counter.builder("smartlink.payments.webhooks").description("Provider webhooks received, by type and result")
                .tag("type", type).tag("result", result).register(meters).increment();
    }

    /** {@code result}: requested, succeeded, retrying, failed, duplicate, nothing_left, no_payment. */
    public void refund(String reason, String result) {
        Counter.builder("smartlink.payments.refunds").description("Refunds, by reason and result")
                .tag("reason", reason).tag("result", result).register(meters).increment();
    }

    void captured(String currency, long minor) {
        Counter.builder("smartlink.payments.captured.minor").description("Money captured, in minor units")
                .tag("currency", currency).register(meters).increment(minor);
    }

    void refunded(String currency, long minor) {
        Counter.builder("smartlink.payments.refunded.minor").description("Money refunded, in minor units")
                .tag("currency", currency).register(meters).increment(minor);
    }
}
