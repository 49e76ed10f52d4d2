package com.smartlinkauto.vehicle.catalog;

import java.time.Clock;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * user-service's read of the catalogue's figures for the admin overview. Not routed by the gateway; only a
 * service token of user-service for vehicle-service opens it (config.SecurityConfiguration: another service 403,
 * a user's token, an admin's too, 401). Not cached here: user-service caches the overview's parts for a minute.
 */
@RestController
@Tag(name = "internal")
class InternalStatsController {

    static final String PATH = "/internal/vehicles/stats";

    private final VehicleStore vehicles;
    private final Clock clock;

    InternalStatsController(VehicleStore vehicles, Clock clock) {
        this.vehicles = vehicles;
        this.clock = clock;
    }

    @GetMapping(PATH)
    @Operation(summary = "Vehicles per status, active, pending review and bookable (user-service's admin overview)",
            description = "One aggregate query over vehicles_status_idx: the figures come from one snapshot "
                    + "(total = the sum of byStatus, which names every status). Only user-service's service token.")
    ResponseEntity<VehicleStats> stats() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(vehicles.stats(clock.instant()));
    }
}
