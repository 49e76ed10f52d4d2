/**
 * Holds: {@code POST /api/bookings} with an {@code Idempotency-Key} (Stripe's rules, per renter, the key stored in
 * the booking's transaction), the Redis lock per vehicle that sheds load (423), and the one transaction that expires
 * the vehicle's lapsed holds and inserts the new one, which the database's exclusion constraint admits or refuses.
 */
@ApplicationModule(displayName = "Holds",
        allowedDependencies = { "pricing", "vehicle", "bookings", "shared", "config" })
package com.smartlinkauto.booking.hold;

import org.springframework.modulith.ApplicationModule;
