/**
 * The payment ledger: the money that really moved, projected from {@code payment.events} by the consumer in the
 * confirm module — one row per captured payment (+amount) and per refund (−amount), in minor units with its
 * currency, the booking's partner, vehicle and renter, and when it happened. Partner earnings, renter totals and the
 * admin revenue are aggregates of it. A replayed event inserts nothing (the payment's or refund's id is the key).
 */
@ApplicationModule(displayName = "Payment ledger", allowedDependencies = { "bookings", "cache", "shared" })
package com.smartlinkauto.booking.ledger;

import org.springframework.modulith.ApplicationModule;
