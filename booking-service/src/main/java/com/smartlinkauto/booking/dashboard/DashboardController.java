package com.smartlinkauto.booking.dashboard;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
import com.smartlinkauto.servicedefaults.validation.InvalidInputException;
import com.smartlinkauto.servicedefaults.validation.SaneInstant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Partner earnings (the partner themself or an admin; another partner 403, as their bookings) and the admin revenue
 * (ADMIN, by the security chain). Both over a window {@code [from, to)} of at most 366 days ({@link Window}), served
 * from the dashboards' cache.
 */
@RestController
@Validated
@Tag(name = "dashboards")
class DashboardController {

    private final Dashboards dashboards;

    DashboardController(Dashboards dashboards) {
        this.dashboards = dashboards;
    }

    @GetMapping(path = "/api/partners/{partnerId}/earnings", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A partner's earnings over [from, to), per currency, by month or vehicle "
            + "(the partner themself — `me` works too — or an admin)",
            description = "Only money really captured (the payment ledger): gross = payments whose paidAt is in the "
                    + "window, refunds = refunds whose refundedAt is in the window (in the month they happened), "
                    + "commission = round half-up((gross − refunds) × commission-percent / 100) to the minor unit, "
                    + "per group and for the totals on the totals; net = gross − refunds − commission. Rentals and "
                    + "rented days: CONFIRMED and COMPLETED bookings overlapping the window (and the month), their "
                    + "time clipped to it; utilisation per vehicle = rented time ÷ the window's length. Months are "
                    + "UTC. The window must be 1 s – 366 days; another partner 403.",
            responses = @ApiResponse(responseCode = "200", description = "The earnings",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = EarningsView.class))))
    ResponseEntity<String> earnings(@PathVariable String partnerId,
            @Parameter(description = "start, inclusive (ISO-8601)") @RequestParam
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @SaneInstant Instant from,
            @Parameter(description = "end, exclusive; at most 366 days after from") @RequestParam
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @SaneInstant Instant to,
            @Parameter(description = "month (default) or vehicle") @RequestParam(defaultValue = "month") String groupBy,
            @AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        UUID partner = caller.resolve(partnerId, "partnerId");
        if (!caller.admin() && !(caller.partner() && partner.equals(caller.id()))) {
            throw new ApiException(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN,
                    "Only the partner themself or an admin may see partner " + partner + "'s earnings.");
        }
        Dashboards.EarningsGroup group = parse(Dashboards.EarningsGroup.class, groupBy, "month or vehicle");
        return json(dashboards.earnings(partner, Window.of(from, to), group));
    }

    @GetMapping(path = "/api/admin/revenue", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The platform's revenue over [from, to), per currency, by day, month, partner or city "
            + "(ADMIN)",
            description = "From the payment ledger: gross captured, refunds, commission (round half-up((gross − "
                    + "refunds) × commission-percent / 100), per group and on the totals) and net (owed to partners). "
                    + "Days and months are UTC; city is the vehicle's city when it was booked (`unknown` for bookings "
                    + "from before it was recorded). The window must be 1 s – 366 days.",
            responses = @ApiResponse(responseCode = "200", description = "The revenue",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = RevenueView.class))))
    ResponseEntity<String> revenue(
            @Parameter(description = "start, inclusive (ISO-8601)") @RequestParam
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @SaneInstant Instant from,
            @Parameter(description = "end, exclusive; at most 366 days after from") @RequestParam
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @SaneInstant Instant to,
            @Parameter(description = "day, month (default), partner or city") @RequestParam(defaultValue = "month")
            String groupBy) {
        DashboardQueries.RevenueGroup group = parse(DashboardQueries.RevenueGroup.class, groupBy,
                "day, month, partner or city");
        return json(dashboards.revenue(Window.of(from, to), group));
    }

    /** The dashboard's JSON as the cache holds it, sent as it is (a hit is never parsed and written again). */
    private static ResponseEntity<String> json(String body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** {@code groupBy} as one of the enum's constants, lower-case; anything else 400 naming {@code groupBy}. */
    private static <E extends Enum<E>> E parse(Class<E> type, String value, String allowed) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(value)) {
                return constant;
            }
        }
        throw new InvalidInputException("groupBy", "must be " + allowed);
    }
}
