package com.smartlinkauto.vehicle.catalog;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An admin's verification decision or status change; {@code reason} is required to reject or suspend. */
public record StatusChangeRequest(@NotNull VehicleStatus status, @Size(max = 500) String reason) {
}
