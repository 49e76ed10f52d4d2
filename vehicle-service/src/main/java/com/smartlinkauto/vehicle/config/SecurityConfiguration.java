package com.smartlinkauto.vehicle.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

import com.smartlinkauto.servicedefaults.security.ProblemAccessDeniedHandler;
import com.smartlinkauto.servicedefaults.security.ProblemAuthenticationEntryPoint;
import com.smartlinkauto.servicedefaults.security.StatelessApiSecurity;
import com.smartlinkauto.servicedefaults.servicetoken.ServiceAccessRules;
import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokenVerifier;

/**
 * Public: search, vehicle details, availability and photos of bookable vehicles (the controllers hide
 * what is not public). Partners manage their own vehicles; admins verify. {@code /internal/vehicles/**} is not
 * routed by the gateway and takes only service tokens for vehicle-service: the service-token chain of
 * service-defaults answers it before this chain, with {@link #internalCallers()} saying which service may read
 * what.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String OVERVIEW_CALLER = "user-service";
    static final String BOOKING_CALLER = "booking-service";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder,
            ProblemAuthenticationEntryPoint entryPoint, ProblemAccessDeniedHandler accessDenied) {
        StatelessApiSecurity.apply(http, jwtDecoder, entryPoint, accessDenied)
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/vehicles", "/api/vehicles/*",
                                "/api/vehicles/*/availability", "/api/vehicles/*/photos/*")
                        .permitAll()
                        .requestMatchers("/api/admin/**", "/actuator/**").hasRole("ADMIN")
                        .requestMatchers("/api/partners/**").hasAnyRole("PARTNER", "ADMIN")
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().denyAll());
        return http.build();
    }

    /**
     * {@code /internal/vehicles/stats} (the admin overview's figures) for user-service only; the rest of
     * {@code /internal/vehicles/**} (a vehicle's price, status and blackouts) for booking-service only. Both may ask
     * user-service for tokens to vehicle-service, so the audience alone does not tell them apart: another service's
     * token is a 403.
     */
    @Bean
    ServiceAccessRules internalCallers() {
        return rules -> rules
                .requestMatchers("/internal/vehicles/stats").hasAuthority(ServiceTokenVerifier.client(OVERVIEW_CALLER))
                .requestMatchers("/internal/vehicles/**").hasAuthority(ServiceTokenVerifier.client(BOOKING_CALLER));
    }
}
