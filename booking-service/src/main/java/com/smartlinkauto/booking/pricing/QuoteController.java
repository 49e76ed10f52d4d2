package com.smartlinkauto.booking.pricing;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.booking.bookings.Stay;
import com.smartlinkauto.booking.config.BookingProperties;
import com.smartlinkauto.booking.shared.BookingProblems;
import com.smartlinkauto.booking.vehicle.VehicleCatalog;
import com.smartlinkauto.booking.vehicle.VehicleSnapshot;
import com.smartlinkauto.servicedefaults.validation.SaneInstant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Validated
@Tag(name = "bookings")
class QuoteController {

    private final VehicleCatalog vehicles;
    private final Pricing pricing;
    private final BookingProperties properties;
    private final Clock clock;

    QuoteController(VehicleCatalog vehicles, Pricing pricing, BookingProperties properties, Clock clock) {
        this.vehicles = vehicles;
        this.pricing = pricing;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/api/bookings/quote")
    @SecurityRequirements
    @Operation(summary = "What a rental of the vehicle would cost now (public)",
            description = "Days = every started 24 h; subtotal = days × the vehicle's current price per day; plus the "
                    + "service fee. The dates follow the booking rules (whole minutes, pickup ≥ 1 h ahead, at most 90 "
                    + "days). Unknown vehicle 404, not bookable 409, vehicle-service unreachable 503.")
    Quote.View quote(@RequestParam UUID vehicleId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @SaneInstant Instant pickupAt,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @SaneInstant Instant returnAt) {
        Stay stay = Stay.of(pickupAt, returnAt, properties.rules(), clock.instant());
        VehicleSnapshot vehicle = vehicles.get(vehicleId);
        if (!vehicle.bookable()) {
            throw BookingProblems.notBookable(vehicleId);
        }
        return pricing.quote(vehicle, stay).view();
    }
}
