package com.smartlinkauto.vehicle.photo;

import java.time.Instant;
import java.util.UUID;

/** A vehicle photo: its bytes live in the storage network as file {@code fileId}. */
record Photo(UUID id, UUID vehicleId, UUID fileId, String contentType, long size, String sha256, int position,
        Instant createdAt) {
}
