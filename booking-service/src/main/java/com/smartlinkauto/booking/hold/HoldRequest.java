package com.smartlinkauto.booking.hold;

import java.time.Instant;
import java.util.UUID;

import com.smartlinkauto.servicedefaults.validation.SaneInstant;

import jakarta.validation.constraints.NotNull;

/**
 * What a renter asks to hold. Nothing else: the price is the server's snapshot, and any other field (a
 * {@code price}, a {@code renterId}) is refused with 400.
 */
record HoldRequest(@NotNull UUID vehicleId, @NotNull @SaneInstant Instant pickupAt,
        @NotNull @SaneInstant Instant returnAt) {

    /** The request as Stripe compares it: the same key must come with the same parameters. */
    String fingerprint() {
        return InFlightKeys.sha256(vehicleId + "\n" + pickupAt + "\n" + returnAt);
    }
}
