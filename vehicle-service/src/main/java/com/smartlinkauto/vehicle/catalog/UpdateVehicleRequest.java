package com.smartlinkauto.vehicle.catalog;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * {@code PATCH /api/vehicles/{id}}: only the fields sent change. VIN, make, model and year are not here:
 * they are immutable (sending them is a 400, like any unknown field).
 */
public record UpdateVehicleRequest(@DecimalMin(value = "0", inclusive = false) BigDecimal basePricePerDay,
        @Size(max = 4000) String description, @Size(max = 30) List<@NotBlank @Size(max = 40) String> features,
        @Valid Location location, @Min(0) @Max(1440) Integer turnaroundMinutes) {

    boolean empty() {
        return basePricePerDay == null && description == null && features == null && location == null
                && turnaroundMinutes == null;
    }
}
