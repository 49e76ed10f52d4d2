package com.smartlinkauto.booking.vehicle;

import java.util.UUID;

/** Reads vehicles from vehicle-service. */
public interface VehicleCatalog {

    /**
     * The vehicle, from the short cache or vehicle-service.
     *
     * @throws com.smartlinkauto.servicedefaults.problem.ApiException 404 when vehicle-service does not know it
     * @throws com.smartlinkauto.booking.shared.RetryLaterException 503 when vehicle-service cannot be asked (down,
     *                                                               slow, refusing our token, circuit open)
     */
    VehicleSnapshot get(UUID vehicleId);

    /**
     * Forgets what is kept of the vehicle: the next {@link #get} reads vehicle-service again. Called for every
     * {@code vehicle.events} record of the vehicle (its price, status, blackouts or partner's verification changed).
     */
    void forget(UUID vehicleId);

    /**
     * A page of the partner's vehicles, newest first, straight from vehicle-service (not cached here: the fleet
     * status that asks is cached itself).
     *
     * @param page from 0
     * @param size 1–100
     * @throws com.smartlinkauto.booking.shared.RetryLaterException 503 when vehicle-service cannot be asked
     */
    PartnerVehicles partnerVehicles(UUID partnerId, int page, int size);
}
