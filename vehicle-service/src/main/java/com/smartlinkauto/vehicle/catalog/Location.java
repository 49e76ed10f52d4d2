package com.smartlinkauto.vehicle.catalog;

import com.smartlinkauto.servicedefaults.validation.CleanText;
import com.smartlinkauto.servicedefaults.validation.TextRules;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Where the vehicle is picked up. {@code country} is an ISO 3166-1 alpha-2 code. The city is stored as
 * sent (NFC, trimmed) and lower-cased as the search key: both must fit its 80 characters.
 */
public record Location(@NotBlank @CleanText(max = 80, lowerCased = true) String city,
        @NotNull @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166-1 alpha-2 country code") String country,
        @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
        @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude) {

    public Location {
        city = TextRules.normalize(city);
    }
}
