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

/**
 * Public: search, vehicle details, availability and photos of bookable vehicles (the controllers hide
 * what is not public). Partners manage their own vehicles; admins verify. {@code /internal/vehicles/**}
 * (booking-service's read) is not routed by the gateway and takes only service tokens for vehicle-service: the
 * service-token chain of service-defaults answers it before this chain.
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
                        .requestMatchers(HttpMethod.GET, "/api/vehicles", "/api/vehicles/*",
                                "/api/vehicles/*/availability", "/api/vehicles/*/photos/*")
                        .permitAll()
                        .requestMatchers("/api/admin/**", "/actuator/**").hasRole("ADMIN")
                        .requestMatchers("/api/partners/**").hasAnyRole("PARTNER", "ADMIN")
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().denyAll());
        return http.build();
    }
}
