package com.smartlinkauto.vehicle.availability;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.vehicle.catalog.Vehicle;
import com.smartlinkauto.vehicle.catalog.VehicleStatus;
import com.smartlinkauto.vehicle.catalog.VehicleStore;
import com.smartlinkauto.vehicle.shared.VehicleProblems;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * booking-service's read of a vehicle: the price snapshot at hold time, the owner, whether it may be booked, the
 * turnaround between rentals, the blackouts that have not ended (a hold overlapping one is refused) and the city
 * (kept on the booking for the admin revenue by city) — in one answer, so that a hold costs one remote read. The gateway never routes {@code /internal/**}, and it takes only a
 * service token for vehicle-service (booking-service's, from user-service's {@code POST /oauth2/token}).
 */
@RestController
@Tag(name = "internal")
class InternalVehicleController {

    private final VehicleStore vehicles;
    private final AvailabilityStore availability;
    private final Clock clock;

    InternalVehicleController(VehicleStore vehicles, AvailabilityStore availability, Clock clock) {
        this.vehicles = vehicles;
        this.availability = availability;
        this.clock = clock;
    }

    /** A blackout, half-open {@code [from, to)}. */
    record Period(Instant from, Instant to) {
    }

    /**
     * What booking-service needs; {@code bookable} = ACTIVE and the partner VERIFIED; {@code city} as listed (the
     * vehicle's location), snapshotted on each booking at hold time.
     */
    record BookingView(UUID id, UUID partnerId, VehicleStatus status, boolean bookable, BigDecimal basePricePerDay,
            String currency, int turnaroundMinutes, List<Period> blackouts, String city) {
    }

    record Blackouts(UUID vehicleId, List<Period> blackouts) {
    }

    @GetMapping("/internal/vehicles/{id}")
    @Operation(summary = "A vehicle's price, currency, partner, status, turnaround, the blackouts that have not "
            + "ended and its city, for booking-service")
    BookingView get(@PathVariable UUID id) {
        Vehicle v = vehicles.find(id).orElseThrow(() -> VehicleProblems.vehicleNotFound(id));
        return new BookingView(v.id(), v.partnerId(), v.status(), v.bookable(), v.basePricePerDay(), v.currency(),
                v.turnaroundMinutes(), upcomingBlackouts(id), v.city());
    }

    @GetMapping("/internal/vehicles/{id}/blackouts")
    @Operation(summary = "The vehicle's blackouts that have not ended yet (none for an unknown id); also part of "
            + "GET /internal/vehicles/{id}")
    Blackouts blackouts(@PathVariable UUID id) {
        return new Blackouts(id, upcomingBlackouts(id));
    }

    private List<Period> upcomingBlackouts(UUID id) {
        Instant now = clock.instant();
        return availability.blackouts(id).stream().filter(b -> b.to().isAfter(now))
                .map(b -> new Period(b.from(), b.to())).toList();
    }
}
