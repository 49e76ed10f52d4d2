package com.smartlinkauto.booking.vehicle;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A vehicle as vehicle-service answered it (kept until {@code vehicle.events} says it changed, at most
 * {@code smartlink.bookings.vehicles.cache-ttl}).
 *
 * @param bookable          ACTIVE and its partner VERIFIED
 * @param pricePerDay       the base price per day, in {@code currency}
 * @param turnaroundMinutes the partner's time between two rentals
 * @param blackouts         the partner's blackouts that have not ended yet, half-open {@code [from, to)}
 * @param city              where the vehicle is listed (kept on a booking for the admin revenue by city); null when
 *                          vehicle-service did not say (one from before it did)
 */
public record VehicleSnapshot(UUID id, UUID partnerId, String status, boolean bookable, BigDecimal pricePerDay,
        String currency, int turnaroundMinutes, List<Blackout> blackouts, String city) {

    public VehicleSnapshot {
        blackouts = List.copyOf(blackouts);
    }

    public record Blackout(Instant from, Instant to) {
    }

    /** The first blackout that overlaps {@code [from, to)}. */
    public Optional<Blackout> blackoutOverlapping(Instant from, Instant to) {
        return blackouts.stream().filter(b -> b.from().isBefore(to) && b.to().isAfter(from)).findFirst();
    }
}
