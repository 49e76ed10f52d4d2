package com.smartlinkauto.booking.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

import com.smartlinkauto.servicedefaults.security.ProblemAccessDeniedHandler;
import com.smartlinkauto.servicedefaults.security.ProblemAuthenticationEntryPoint;
import com.smartlinkauto.servicedefaults.security.StatelessApiSecurity;

/**
 * Public: the quote. Renters hold and list their own bookings; a booking is read by its renter, the vehicle's
 * partner or an admin (the controllers decide, anyone else gets a 404); partners list their vehicles' bookings,
 * admins all of them. {@code /internal/bookings/**} (payment-service's read and confirmation) and
 * {@code /internal/overview} (user-service's) are not routed by the gateway and take only service tokens for
 * booking-service: the service-token chain of service-defaults answers them before this chain.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder,
            ProblemAuthenticationEntryPoint entryPoint, ProblemAccessDeniedHandler accessDenied) {
        StatelessApiSecurity.apply(http, jwtDecoder, entryPoint, accessDenied)
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/bookings/quote").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/bookings").hasRole("RENTER")
                        .requestMatchers(HttpMethod.GET, "/api/bookings/me").hasRole("RENTER")
                        .requestMatchers("/api/admin/**", "/actuator/**").hasRole("ADMIN")
                        .requestMatchers("/api/partners/**").hasAnyRole("PARTNER", "ADMIN")
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().denyAll());
        return http.build();
    }
}
