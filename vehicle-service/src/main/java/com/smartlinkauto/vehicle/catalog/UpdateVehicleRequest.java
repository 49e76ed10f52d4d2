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
import jakarta.validation.constraints.Size;

/**
 * {@code PATCH /api/vehicles/{id}}: only the fields sent change. VIN, make, model and year are not here:
 * they are immutable (sending them is a 400, like any unknown field). Texts as in {@link ListVehicleRequest}.
 */
public record UpdateVehicleRequest(@DecimalMin(value = "0", inclusive = false)
        @BoundedDecimal(integer = VehicleRules.PRICE_INTEGER_DIGITS, fraction = VehicleRules.PRICE_FRACTION_DIGITS)
        BigDecimal basePricePerDay,
        @CleanText(max = 4000, multiline = true) String description,
        @Size(max = 30) List<@NotBlank @CleanText(max = 40) String> features,
        @Valid Location location, @Min(0) @Max(1440) Integer turnaroundMinutes) {

    public UpdateVehicleRequest {
        description = description == null ? null : TextRules.nfc(description);
        features = VehicleRules.normalize(features);
    }

    boolean empty() {
        return basePricePerDay == null && description == null && features == null && location == null
                && turnaroundMinutes == null;
    }
}
