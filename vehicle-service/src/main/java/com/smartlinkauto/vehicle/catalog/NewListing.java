package com.smartlinkauto.vehicle.catalog;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

/**
 * A listing request that passed the rules annotations cannot express ({@link VehicleRules}: the model year, the
 * currency, the price's bound and decimals, the country), with the values they normalised: what a new vehicle is
 * made of.
 */
record NewListing(ListVehicleRequest request, String currency, long priceMinor, String country) {

    /**
     * Checks the request in this order (the first rule broken is the 400 the client gets); the price against the
     * bound {@code maxPricePerDay} gives for the request's currency.
     */
    static NewListing check(ListVehicleRequest request, Function<String, BigDecimal> maxPricePerDay, Clock clock) {
        VehicleRules.checkYear(request.year(), clock);
        String currency = VehicleRules.currency(request.currency());
        long priceMinor = VehicleRules.priceMinor(request.basePricePerDay(), currency, maxPricePerDay.apply(currency));
        String country = VehicleRules.country(request.location().country());
        return new NewListing(request, currency, priceMinor, country);
    }

    /** The vehicle it lists: awaiting review, version 0, bookable once approved if its partner is verified. */
    Vehicle toVehicle(UUID id, UUID partnerId, boolean partnerVerified, Instant now) {
        Location location = request.location();
        return new Vehicle(id, partnerId, request.make().strip(), request.model().strip(), request.year(),
                request.vin(), request.licensePlate().strip(), priceMinor, currency, location.city().strip(), country,
                location.latitude(), location.longitude(), request.seats(), request.transmission(),
                request.fuelType(), VehicleRules.blankToNull(request.description()),
                VehicleRules.features(request.features()),
                request.turnaroundMinutes() == null ? VehicleRules.DEFAULT_TURNAROUND_MINUTES
                        : request.turnaroundMinutes(),
                VehicleStatus.PENDING_REVIEW, null, null, partnerVerified, now, now, 0);
    }
}
