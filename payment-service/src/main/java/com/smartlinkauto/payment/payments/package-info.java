/**
 * The payments themselves: checkout sessions (at most one OPEN per booking), captured payments (never more refunded
 * than captured, checked by the database), refunds with their idempotency keys, and the append-only ledger
 * (PostgreSQL refuses UPDATE, DELETE and TRUNCATE of it). {@link com.smartlinkauto.payment.payments.PaymentRecords}
 * makes each change with its ledger row and its event on {@code payment.events} (the outbox) in one transaction.
 * The feature modules (checkout, webhook, sandbox, refunds, query) build on it.
 */
@ApplicationModule(displayName = "Payments", allowedDependencies = { "shared", "config" })
package com.smartlinkauto.payment.payments;

import org.springframework.modulith.ApplicationModule;
