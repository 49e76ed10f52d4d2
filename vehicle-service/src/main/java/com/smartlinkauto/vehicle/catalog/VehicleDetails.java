package com.smartlinkauto.vehicle.catalog;

import java.util.UUID;

import org.springframework.stereotype.Service;

import com.smartlinkauto.vehicle.shared.Caller;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/vehicles/{id}} as the JSON it answers: all of the vehicle for its owner and admins (never
 * kept), the public view for everyone else (bookable vehicles only: no VIN, plate or status reason), kept
 * between requests by {@link PublicVehicleViews}.
 */
@Service
class VehicleDetails {

    private final VehicleService vehicles;
    private final PublicVehicleViews publicViews;
    private final JsonMapper json;
    private final PartnerDirectory partners;

    VehicleDetails(VehicleService vehicles, PublicVehicleViews publicViews, JsonMapper json,
            PartnerDirectory partners) {
        this.vehicles = vehicles;
        this.partners = partners;
        this.publicViews = publicViews;
        this.json = json;
    }

    String json(UUID id, Caller caller) {
        if (caller.admin() || caller.partner()) {
            Vehicle vehicle = vehicles.visible(id, caller);
            if (vehicle.managedBy(caller)) {
                return json.writeValueAsString(VehicleView.full(vehicle, vehicles.photos(id)));
            }
        }
        return publicViews.read(id, () -> {
            Vehicle vehicle = vehicles.visible(id, Caller.ANONYMOUS);
            return json.writeValueAsString(VehicleView.publicOf(vehicle, vehicles.photos(id),
                    partners.publicName(vehicle.partnerId())));
        });
    }
}
