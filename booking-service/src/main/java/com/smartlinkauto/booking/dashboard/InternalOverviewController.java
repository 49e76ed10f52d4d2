package com.smartlinkauto.booking.dashboard;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.servicedefaults.servicetoken.ServiceAccessRules;
import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokenVerifier;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * user-service's read for the admin overview it composes ({@code GET /api/admin/overview} there): this service's
 * bookings by status and revenue. Not routed by the gateway; only a service token of user-service for
 * booking-service opens it ({@link Access}: any other service 403, a user's token — even an admin's — 401), the
 * same mechanism as payment-service's {@code /internal/bookings/**}.
 */
@RestController
@Tag(name = "internal")
class InternalOverviewController {

    static final String CALLER = "user-service";

    private final Dashboards dashboards;

    InternalOverviewController(Dashboards dashboards) {
        this.dashboards = dashboards;
    }

    @GetMapping("/internal/overview")
    @Operation(summary = "Bookings by status today and this month, revenue this month and last month (user-service)",
            description = "Counted in `zone` (UTC, the admin revenue's days and months). bookingsToday / "
                    + "bookingsThisMonth: bookings created today / this calendar month by their current status, every "
                    + "status present (0 when none). revenueThisMonth / revenueLastMonth: the payment ledger of the "
                    + "calendar month [from, to), per currency, with the totals GET /api/admin/revenue gives for that "
                    + "window — gross captured, refunds made in the month, commission = round half-up((gross − "
                    + "refunds) × commission-percent / 100) to the minor unit, net = gross − refunds − commission, "
                    + "in major units. Cached up to a minute (asOf: when computed); a booking change, a payment or a "
                    + "refund makes it stale at once.")
    OverviewView overview() {
        return dashboards.overview();
    }

    @Configuration(proxyBeanMethods = false)
    static class Access {

        /** Only user-service reads the overview; other services' tokens for booking-service get a 403. */
        @Bean
        ServiceAccessRules overviewOnlyFromUserService() {
            return rules -> rules.requestMatchers("/internal/overview")
                    .hasAuthority(ServiceTokenVerifier.client(CALLER));
        }
    }
}
