package com.smartlinkauto.vehicle.availability;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code GET /api/vehicles/{id}/availability}: what is busy within {@code [from, to)}, in time order. */
public record Availability(UUID vehicleId, Instant from, Instant to, int turnaroundMinutes, List<BusyInterval> busy) {
}
