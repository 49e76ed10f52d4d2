/**
 * Checkout: {@code POST /api/payments/checkout} by the booking's renter. The amount and currency are booking-service's
 * (read at the moment of the checkout), never the client's; only a HELD booking whose hold has not run out is paid;
 * one OPEN session per booking (a second call returns it).
 */
@ApplicationModule(displayName = "Checkout",
        allowedDependencies = { "booking", "provider", "payments", "shared", "config" })
package com.smartlinkauto.payment.checkout;

import org.springframework.modulith.ApplicationModule;
