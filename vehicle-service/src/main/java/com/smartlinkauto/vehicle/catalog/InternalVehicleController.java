package com.smartlinkauto.vehicle.catalog;

import java.math.BigDecimal;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.vehicle.shared.VehicleProblems;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * booking-service's read of a vehicle (price snapshot at hold time, owner, whether it may be booked, the
 * turnaround between rentals). The gateway never routes {@code /internal/**}, and it takes only a service token
 * for vehicle-service (booking-service's, from user-service's {@code POST /oauth2/token}).
 */
@RestController
@Tag(name = "internal")
class InternalVehicleController {

    private final VehicleStore store;

    InternalVehicleController(VehicleStore store) {
        this.store = store;
    }

    /** What booking-service needs; {@code bookable} = ACTIVE and the partner VERIFIED. */
    record BookingView(UUID id, UUID partnerId, VehicleStatus status, boolean bookable, BigDecimal basePricePerDay,
            String currency, int turnaroundMinutes) {
    }

    @GetMapping("/internal/vehicles/{id}")
    @Operation(summary = "A vehicle's price, currency, partner, status and turnaround, for booking-service")
    BookingView get(@PathVariable UUID id) {
        Vehicle v = store.find(id).orElseThrow(() -> VehicleProblems.vehicleNotFound(id));
        return new BookingView(v.id(), v.partnerId(), v.status(), v.bookable(), v.basePricePerDay(), v.currency(),
                v.turnaroundMinutes());
    }
}
