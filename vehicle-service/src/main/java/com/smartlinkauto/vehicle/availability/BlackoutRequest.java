package com.smartlinkauto.vehicle.availability;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A period the partner does not rent the vehicle out: half-open {@code [from, to)}. */
public record BlackoutRequest(@NotNull Instant from, @NotNull Instant to, @Size(max = 200) String reason) {
}
