package com.smartlinkauto.vehicle.availability;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.servicedefaults.validation.SaneInstant;
import com.smartlinkauto.vehicle.shared.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/vehicles/{vehicleId}")
@Tag(name = "availability")
class AvailabilityController {

    private final AvailabilityService availability;

    AvailabilityController(AvailabilityService availability) {
        this.availability = availability;
    }

    @PostMapping("/blackouts")
    @Operation(summary = "Block out [from, to) (owner or admin); 409 if it overlaps another blackout",
            description = "At most 366 days long, ending in the future and at most "
                    + "smartlink.vehicles.blackouts.max-ahead (default 730 days) from now; reason at most 200 "
                    + "characters without control characters.")
    ResponseEntity<Blackout> add(@PathVariable UUID vehicleId, @Valid @RequestBody BlackoutRequest request,
            @AuthenticationPrincipal Jwt jwt) {
        Blackout blackout = availability.addBlackout(vehicleId, request, Caller.of(jwt));
        return ResponseEntity.created(URI.create("/api/vehicles/" + vehicleId + "/blackouts/" + blackout.id()))
                .body(blackout);
    }

    @GetMapping("/blackouts")
    @Operation(summary = "The vehicle's blackouts (owner or admin)")
    List<Blackout> list(@PathVariable UUID vehicleId, @AuthenticationPrincipal Jwt jwt) {
        return availability.blackouts(vehicleId, Caller.of(jwt));
    }

    @DeleteMapping("/blackouts/{blackoutId}")
    @Operation(summary = "Remove a blackout (owner or admin)")
    ResponseEntity<Void> remove(@PathVariable UUID vehicleId, @PathVariable UUID blackoutId,
            @AuthenticationPrincipal Jwt jwt) {
        availability.removeBlackout(vehicleId, blackoutId, Caller.of(jwt));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/availability")
    @Operation(summary = "Busy intervals within [from, to): blackouts, and bookings extended by the turnaround "
            + "(public for bookable vehicles)", security = {})
    Availability availability(@PathVariable UUID vehicleId,
            @Parameter(description = "ISO-8601, 1970 to 2200") @RequestParam @SaneInstant
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @Parameter(description = "ISO-8601, after from, at most 366 days later") @RequestParam @SaneInstant
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @AuthenticationPrincipal Jwt jwt) {
        return availability.availability(vehicleId, from, to, Caller.of(jwt));
    }
}
