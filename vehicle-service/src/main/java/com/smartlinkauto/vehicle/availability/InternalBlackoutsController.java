package com.smartlinkauto.vehicle.availability;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * booking-service's read of a vehicle's blackouts, next to {@code GET /internal/vehicles/{id}} (a hold overlapping a
 * blackout is refused). Like every {@code /internal/**} path: never routed by the gateway, only a service token for
 * vehicle-service opens it.
 */
@RestController
@Tag(name = "internal")
class InternalBlackoutsController {

    private final AvailabilityStore store;
    private final Clock clock;

    InternalBlackoutsController(AvailabilityStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A blackout, half-open {@code [from, to)}. */
    record Period(Instant from, Instant to) {
    }

    record Blackouts(UUID vehicleId, List<Period> blackouts) {
    }

    @GetMapping("/internal/vehicles/{id}/blackouts")
    @Operation(summary = "The vehicle's blackouts that have not ended yet, for booking-service (none for an unknown id)")
    Blackouts blackouts(@PathVariable UUID id) {
        Instant now = clock.instant();
        return new Blackouts(id, store.blackouts(id).stream().filter(b -> b.to().isAfter(now))
                .map(b -> new Period(b.from(), b.to())).toList());
    }
}
