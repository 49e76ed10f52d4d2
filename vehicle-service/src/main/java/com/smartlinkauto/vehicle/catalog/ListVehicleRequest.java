package com.smartlinkauto.vehicle.catalog;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/partners/{partnerId}/vehicles}. The model year (1990 … next year), the price's upper
 * bound and decimals, the currency and the country are checked by {@link VehicleRules}.
 */
public record ListVehicleRequest(@NotBlank @Size(max = 60) String make, @NotBlank @Size(max = 60) String model,
        @NotNull Integer year,
        @NotNull @Pattern(regexp = VehicleRules.VIN_PATTERN,
                message = "must be 17 characters of the ISO 3779 alphabet (digits and A-Z without I, O, Q)") String vin,
        @NotNull @Pattern(regexp = VehicleRules.PLATE_PATTERN,
                message = "must be 2-16 letters, digits, spaces or dashes") String licensePlate,
        @NotNull @DecimalMin(value = "0", inclusive = false) BigDecimal basePricePerDay,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code") String currency,
        @NotNull @Valid Location location, @NotNull @Min(1) @Max(9) Integer seats, @NotNull Transmission transmission,
        @NotNull FuelType fuelType, @Size(max = 4000) String description,
        @Size(max = 30) List<@NotBlank @Size(max = 40) String> features,
        @Min(0) @Max(1440) Integer turnaroundMinutes) {
}
