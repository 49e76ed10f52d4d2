package com.smartlinkauto.contracts.events.vehicle;

import java.util.Set;

/** The {@code type} values of the envelopes vehicle-service publishes to {@code vehicle.events} (key = vehicle id). */
public final class VehicleEventTypes {

    public static final String VEHICLE_LISTED = "VehicleListed";
    public static final String VEHICLE_UPDATED = "VehicleUpdated";
    public static final String VEHICLE_VERIFICATION_CHANGED = "VehicleVerificationChanged";
    public static final String AVAILABILITY_CHANGED = "AvailabilityChanged";

    public static final Set<String> ALL = Set.of(VEHICLE_LISTED, VEHICLE_UPDATED, VEHICLE_VERIFICATION_CHANGED,
            AVAILABILITY_CHANGED);

    private VehicleEventTypes() {
    }
}
