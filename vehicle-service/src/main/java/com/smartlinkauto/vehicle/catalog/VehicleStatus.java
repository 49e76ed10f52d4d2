package com.smartlinkauto.vehicle.catalog;

import java.util.Set;

/**
 * A vehicle's lifecycle: PENDING_REVIEW → ACTIVE | REJECTED (admin verification); ACTIVE ↔ SUSPENDED
 * (admin, or the system when the partner's verification changes); any → RETIRED. A REJECTED vehicle
 * goes back to PENDING_REVIEW when its owner edits it (a resubmission).
 */
public enum VehicleStatus {
    PENDING_REVIEW, ACTIVE, REJECTED, SUSPENDED, RETIRED;

    /** The targets of {@code PATCH /api/admin/vehicles/{id}/verification}. */
    static final Set<VehicleStatus> VERIFICATION_TARGETS = Set.of(ACTIVE, REJECTED);

    /** The targets of {@code PATCH /api/admin/vehicles/{id}/status}. */
    static final Set<VehicleStatus> STATUS_TARGETS = Set.of(ACTIVE, SUSPENDED, RETIRED);

    /** Whether an admin's verification decision may move a vehicle from this status to {@code target}. */
    boolean canBeVerifiedAs(VehicleStatus target) {
        return this == PENDING_REVIEW && VERIFICATION_TARGETS.contains(target);
    }

    /** Whether an admin's status change may move a vehicle from this status to {@code target}. */
    boolean canMoveTo(VehicleStatus target) {
        return switch (target) {
            case ACTIVE -> this == SUSPENDED;
            case SUSPENDED -> this == ACTIVE;
            case RETIRED -> this != RETIRED;
            default -> false;
        };
    }

    /** Whether the owner may still edit a vehicle in this status. */
    boolean editable() {
        return this != RETIRED;
    }
}
