package com.smartlinkauto.vehicle.catalog;

import com.smartlinkauto.servicedefaults.validation.CleanText;
import com.smartlinkauto.servicedefaults.validation.TextRules;

import jakarta.validation.constraints.NotNull;

/** An admin's verification decision or status change; {@code reason} is required to reject or suspend. */
public record StatusChangeRequest(@NotNull VehicleStatus status, @CleanText(max = 500) String reason) {

    public StatusChangeRequest {
        reason = TextRules.normalize(reason);
    }
}
