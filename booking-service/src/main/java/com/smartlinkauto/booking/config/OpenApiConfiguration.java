package com.smartlinkauto.booking.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** OpenAPI description at {@code /v3/api-docs} (UI at {@code /swagger-ui.html}). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI bookingServiceOpenApi() {
        return new OpenAPI()
                .info(new Info().title("SmartLink Auto booking-service")
                        .description("Quotes (public), holds with an Idempotency-Key (renters), the bookings of a "
                                + "renter, a partner and all of them (admins), cancellation by the renter or an admin, "
                                + "a partner's earnings and the admin revenue from the payment ledger (cached, exact in "
                                + "minor units), a partner's fleet status (per vehicle the rental under way, the next "
                                + "booking and the pending holds), "
                                + "the read and confirmation payment-service asks for and the admin overview's part "
                                + "user-service asks for (internal). A hold can never "
                                + "double-book: PostgreSQL refuses overlapping holds and confirmed bookings of one "
                                + "vehicle, turnaround included.")
                        .version("v1"))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
