package com.smartlinkauto.vehicle.catalog;

import java.math.BigDecimal;
import java.util.List;

import com.smartlinkauto.servicedefaults.validation.BoundedDecimal;
import com.smartlinkauto.servicedefaults.validation.CleanText;
import com.smartlinkauto.servicedefaults.validation.TextRules;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/partners/{partnerId}/vehicles}. Texts are NFC-normalised and trimmed here, then checked
 * ({@link CleanText}: no control characters, lengths in characters of the stored form). The model year
 * (1990 … next year), the price's upper bound (its currency's: {@code smartlink.vehicles.max-price-per-day-by-currency})
 * and decimals, the currency and the country are checked by {@link VehicleRules}.
 */
public record ListVehicleRequest(@NotBlank @CleanText(max = 60) String make, @NotBlank @CleanText(max = 60) String model,
        @NotNull Integer year,
        @NotNull @Pattern(regexp = VehicleRules.VIN_PATTERN,
                message = "must be 17 characters of the ISO 3779 alphabet (digits and A-Z without I, O, Q)") String vin,
        @NotNull @Pattern(regexp = VehicleRules.PLATE_PATTERN,
                message = "must be 2-16 letters, digits, spaces or dashes") String licensePlate,
        @NotNull @DecimalMin(value = "0", inclusive = false)
        @BoundedDecimal(integer = VehicleRules.PRICE_INTEGER_DIGITS, fraction = VehicleRules.PRICE_FRACTION_DIGITS)
        BigDecimal basePricePerDay,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code") String currency,
        @NotNull @Valid Location location, @NotNull @Min(1) @Max(9) Integer seats, @NotNull Transmission transmission,
        @NotNull FuelType fuelType, @CleanText(max = 4000, multiline = true) String description,
        @Size(max = 30) List<@NotBlank @CleanText(max = 40) String> features,
        @Min(0) @Max(1440) Integer turnaroundMinutes) {

    public ListVehicleRequest {
        make = TextRules.normalize(make);
        model = TextRules.normalize(model);
        description = TextRules.normalize(description);
        features = VehicleRules.normalize(features);
    }
}
