package com.smartlinkauto.booking.fleet;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.booking.shared.Caller;
import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * A partner's fleet status: the partner themself or an admin, as their earnings (another partner 403; a renter 403
 * by the security chain, {@code /api/partners/**} being for partners and admins).
 */
@RestController
@Validated
@Tag(name = "dashboards")
class FleetController {

    private final FleetStatus fleet;

    FleetController(FleetStatus fleet) {
        this.fleet = fleet;
    }

    @GetMapping("/api/partners/{partnerId}/fleet")
    @Operation(summary = "A partner's fleet now: per vehicle the rental under way, the next booking and the holds "
            + "waiting for payment, and counts over the whole fleet (the partner themself — `me` works too — or an "
            + "admin)",
            description = "Vehicles as vehicle-service lists them (newest first, every status), a page at a time; "
                    + "per vehicle onRent (the CONFIRMED booking with pickupAt ≤ now < returnAt) or null, nextBooking "
                    + "(the CONFIRMED booking with the earliest pickupAt > now) or null, pendingHolds (HELD, hold not "
                    + "lapsed, by pickup, at most 20; pendingHoldCount all of them, with their total in major units). "
                    + "counts: vehicles, onRent, upcomingBookings, pendingHolds over every vehicle of the partner. "
                    + "Cached up to a minute (asOf), never past nextChangeAt (a rental starting or ending, a hold "
                    + "lapsing); a change of one of the partner's bookings makes it stale at once. Another partner "
                    + "403; vehicle-service unreachable 503 with Retry-After.")
    FleetView fleet(@PathVariable String partnerId,
            @Parameter(description = "page of vehicles, from 0") @RequestParam(defaultValue = "0") @Min(0)
            @Max(10_000) int page,
            @Parameter(description = "vehicles per page, 1–100") @RequestParam(defaultValue = "20") @Min(1)
            @Max(100) int size,
            @AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        UUID partner = caller.resolve(partnerId, "partnerId");
        if (!caller.admin() && !(caller.partner() && partner.equals(caller.id()))) {
            throw new ApiException(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN,
                    "Only the partner themself or an admin may see partner " + partner + "'s fleet.");
        }
        return fleet.fleet(partner, page, size);
    }
}
