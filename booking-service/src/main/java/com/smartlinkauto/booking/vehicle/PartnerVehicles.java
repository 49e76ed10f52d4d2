package com.smartlinkauto.booking.vehicle;

import java.util.List;
import java.util.UUID;

/**
 * A page of a partner's vehicles as vehicle-service lists them (newest first), with what tells them apart for their
 * owner.
 *
 * @param totalElements every vehicle of the partner, whatever the page
 */
public record PartnerVehicles(List<Vehicle> items, long totalElements) {

    public PartnerVehicles {
        items = List.copyOf(items);
    }

    /** @param status vehicle-service's status (ACTIVE, PENDING_REVIEW, ...); {@code bookable}: ACTIVE and verified */
    public record Vehicle(UUID id, String make, String model, int year, String licensePlate, String city,
            String status, boolean bookable) {
    }
}
