package com.smartlinkauto.user.overview;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The admin overview (ADMIN only: {@code /api/admin/**} in security.SecurityConfiguration and at the gateway). */
@RestController
@Tag(name = "Admin")
class AdminOverviewController {

    static final String PATH = "/api/admin/overview";

    private final AdminOverviewService overview;

    AdminOverviewController(AdminOverviewService overview) {
        this.overview = overview;
    }

    @GetMapping(PATH)
    @Operation(summary = "The platform at a glance: users, vehicles, bookings, revenue, storage health",
            description = "Composed from the services that own each figure (user-service's accounts, vehicle-service, "
                    + "booking-service, storage-controller-service), each behind its own circuit breaker and time "
                    + "limit (2 s), in parallel. A part whose service is down, slow or broken is "
                    + "{\"status\":\"UNAVAILABLE\",\"reason\":\"timeout | connection refused | circuit open | "
                    + "HTTP 503 | ...\"} and the others are served: always 200. Each part is cached for a minute "
                    + "(its asOf says when it was computed); an unavailable part is not cached.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "every part, available or not",
                            content = @Content(schema = @Schema(implementation = AdminOverview.class))),
                    @ApiResponse(responseCode = "401", description = "no or an invalid token",
                            content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "403", description = "not an admin",
                            content = @Content(mediaType = "application/problem+json")) })
    ResponseEntity<AdminOverview> overview() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(overview.overview());
    }
}
