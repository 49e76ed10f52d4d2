package com.smartlinkauto.vehicle.availability;

import java.time.Instant;

import com.smartlinkauto.servicedefaults.validation.CleanText;
import com.smartlinkauto.servicedefaults.validation.SaneInstant;
import com.smartlinkauto.servicedefaults.validation.TextRules;

import jakarta.validation.constraints.NotNull;

/**
 * A period the partner does not rent the vehicle out: half-open {@code [from, to)}, inside 1970–2200
 * here and within the product's limits in {@link AvailabilityService} (at most 366 days long, ending in
 * the future and at most {@code smartlink.vehicles.blackouts.max-ahead} from now).
 */
public record BlackoutRequest(@NotNull @SaneInstant Instant from, @NotNull @SaneInstant Instant to,
        @CleanText(max = 200) String reason) {

    public BlackoutRequest {
        reason = TextRules.normalize(reason);
    }
}
