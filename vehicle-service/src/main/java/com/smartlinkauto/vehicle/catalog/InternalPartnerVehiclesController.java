package com.smartlinkauto.vehicle.catalog;

import java.util.UUID;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * booking-service's read of a partner's vehicles, for the partner's fleet status there ({@code GET
 * /api/partners/{id|me}/fleet}): booking-service knows only the vehicles that have bookings, and this lists all of
 * them, a page at a time, newest first (the order of {@code GET /api/partners/{id}/vehicles}, over
 * {@code vehicles_partner_idx}). Under {@code /internal/vehicles}, so it takes only a service token for
 * vehicle-service, with the rules of that path (booking-service's). booking-service already checked who asked: the
 * partner themself or an admin.
 */
@RestController
@Validated
@Tag(name = "internal")
class InternalPartnerVehiclesController {

    private final VehicleStore vehicles;

    InternalPartnerVehiclesController(VehicleStore vehicles) {
        this.vehicles = vehicles;
    }

    /**
     * What the fleet status shows of a vehicle: what tells it apart for its owner (make, model, year, plate, city)
     * and its status. The plate is the owner's own data; booking-service shows it only to them and to admins.
     */
    record FleetVehicle(UUID id, String make, String model, int year, String licensePlate, String city,
            VehicleStatus status, boolean bookable) {

        static FleetVehicle of(Vehicle v) {
            return new FleetVehicle(v.id(), v.make(), v.model(), v.year(), v.licensePlate(), v.city(), v.status(),
                    v.bookable());
        }
    }

    @GetMapping("/internal/vehicles")
    @Operation(summary = "A partner's vehicles, newest first, a page at a time (booking-service's fleet status)",
            description = "Every status, retired ones included (the status says which). An unknown partner has no "
                    + "vehicles: an empty page.")
    ResponseEntity<PageView<FleetVehicle>> ofPartner(
            @Parameter(description = "the partner") @RequestParam UUID partnerId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        VehicleService.Page<Vehicle> result = new VehicleService.Page<>(vehicles.byPartner(partnerId, null, page, size),
                page, size, vehicles.countByPartner(partnerId, null));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(PageView.of(result, FleetVehicle::of));
    }
}
