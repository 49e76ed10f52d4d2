package com.smartlinkauto.vehicle.catalog;

import java.util.UUID;

/** A photo of a vehicle as listed with it; {@code url} streams the image. */
public record PhotoRef(UUID id, String contentType, long size, String url) {

    public static String url(UUID vehicleId, UUID photoId) {
        return "/api/vehicles/" + vehicleId + "/photos/" + photoId;
    }
}
