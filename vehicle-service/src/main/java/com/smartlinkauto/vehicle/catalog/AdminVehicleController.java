package com.smartlinkauto.vehicle.catalog;

import java.util.List;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.vehicle.shared.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Admins: the review queue, verification decisions, suspensions and the audit trail. */
@RestController
@RequestMapping("/api/admin/vehicles")
@Validated
@Tag(name = "admin")
class AdminVehicleController {

    private final VehicleService vehicles;

    AdminVehicleController(VehicleService vehicles) {
        this.vehicles = vehicles;
    }

    @GetMapping("/pending")
    @Operation(summary = "Vehicles awaiting review, oldest first")
    PageView<VehicleView> pending(@RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return PageView.of(vehicles.pending(page, size), v -> VehicleView.full(v, vehicles.photos(v.id())));
    }

    @PatchMapping("/{id}/verification")
    @Operation(summary = "Approve (ACTIVE) or reject (REJECTED, reason required) a vehicle PENDING_REVIEW; "
            + "409 from any other status")
    VehicleView verify(@PathVariable UUID id, @Valid @RequestBody StatusChangeRequest request,
            @AuthenticationPrincipal Jwt jwt) {
        return VehicleView.full(vehicles.verify(id, request, Caller.of(jwt)), vehicles.photos(id));
    }

    @PatchMapping("/{id}/status")
    @Operation(summary = "Suspend an ACTIVE vehicle (reason required), reactivate a SUSPENDED one, or retire any; "
            + "illegal transitions are 409")
    VehicleView changeStatus(@PathVariable UUID id, @Valid @RequestBody StatusChangeRequest request,
            @AuthenticationPrincipal Jwt jwt) {
        return VehicleView.full(vehicles.changeStatus(id, request, Caller.of(jwt)), vehicles.photos(id));
    }

    @GetMapping("/{id}/audit")
    @Operation(summary = "The vehicle's verification and status history, newest first")
    List<VehicleStore.AuditEntry> audit(@PathVariable UUID id) {
        return vehicles.auditTrail(id);
    }
}
