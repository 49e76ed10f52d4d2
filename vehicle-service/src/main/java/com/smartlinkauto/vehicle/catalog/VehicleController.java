package com.smartlinkauto.vehicle.catalog;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.vehicle.shared.Caller;
import com.smartlinkauto.vehicle.shared.Invalid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Partners' listings, vehicle details, the owner's edits and retirement. */
@RestController
@Validated
@Tag(name = "vehicles")
class VehicleController {

    private final VehicleService vehicles;
    private final VehicleDetails details;

    VehicleController(VehicleService vehicles, VehicleDetails details) {
        this.vehicles = vehicles;
        this.details = details;
    }

    @PostMapping("/api/partners/{partnerId}/vehicles")
    @Operation(summary = "List a vehicle (the partner themself — `me` works too — or an admin); it awaits review as "
            + "PENDING_REVIEW",
            description = "Texts without control characters: make/model ≤ 60, city ≤ 80 (also lower-cased), "
                    + "description ≤ 4000 (line breaks allowed), features ≤ 30 × 40. A partner not verified yet may "
                    + "have at most 5 vehicles that are not retired (smartlink.vehicles.quotas.unverified.max-vehicles): "
                    + "beyond, 409 quota-exceeded.")
    ResponseEntity<VehicleView> list(@PathVariable String partnerId, @Valid @RequestBody ListVehicleRequest request,
            @AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        Vehicle vehicle = vehicles.list(partner(partnerId, caller), request, caller);
        return ResponseEntity.created(URI.create("/api/vehicles/" + vehicle.id()))
                .body(VehicleView.full(vehicle, List.of()));
    }

    @GetMapping("/api/partners/{partnerId}/vehicles")
    @Operation(summary = "A partner's vehicles, newest first (the partner themself — `me` works too — or an admin)")
    PageView<VehicleView> ofPartner(@PathVariable String partnerId,
            @RequestParam(required = false) VehicleStatus status,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, @AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        VehicleService.Page<Vehicle> result = vehicles.byPartner(partner(partnerId, caller), status, page, size,
                caller);
        return PageView.of(result, v -> VehicleView.full(v, vehicles.photos(v.id())));
    }

    @GetMapping(path = "/api/vehicles/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A vehicle: public for bookable vehicles (no VIN or plate); the owner and admins see all of "
            + "it, in any status", security = {})
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = VehicleView.class)))
    ResponseEntity<String> get(@PathVariable UUID id, @AuthenticationPrincipal Jwt jwt) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(details.json(id, Caller.of(jwt)));
    }

    @PatchMapping("/api/vehicles/{id}")
    @Operation(summary = "Change price, description, features, location or turnaround (owner or admin); VIN, make, "
            + "model and year cannot change. Editing a REJECTED vehicle resubmits it for review.")
    VehicleView update(@PathVariable UUID id, @Valid @RequestBody UpdateVehicleRequest request,
            @AuthenticationPrincipal Jwt jwt) {
        Vehicle vehicle = vehicles.update(id, request, Caller.of(jwt));
        return VehicleView.full(vehicle, vehicles.photos(id));
    }

    @DeleteMapping("/api/vehicles/{id}")
    @Operation(summary = "Retire the vehicle (owner or admin); 409 while it has bookings that have not ended")
    VehicleView retire(@PathVariable UUID id, @AuthenticationPrincipal Jwt jwt) {
        Vehicle vehicle = vehicles.retire(id, Caller.of(jwt));
        return VehicleView.full(vehicle, vehicles.photos(id));
    }

    /** A partner id, or {@code me}: the caller. */
    private static UUID partner(String partnerId, Caller caller) {
        if ("me".equals(partnerId) && caller.id() != null) {
            return caller.id();
        }
        try {
            return UUID.fromString(partnerId);
        }
        catch (IllegalArgumentException ex) {
            throw Invalid.parameter("partnerId", "must be a partner id or me");
        }
    }
}
