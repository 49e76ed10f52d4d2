package com.smartlinkauto.storagenode.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

import com.smartlinkauto.servicedefaults.security.ProblemAccessDeniedHandler;
import com.smartlinkauto.servicedefaults.security.ProblemAuthenticationEntryPoint;
import com.smartlinkauto.servicedefaults.security.StatelessApiSecurity;

/**
 * The chunk API ({@code /chunks/**}, {@code /node/**}) takes only service tokens for storage-node-service: the
 * service-token chain of service-defaults answers those paths before this chain
 * ({@code smartlink.security.service.extra-paths}). This chain covers the rest: probes, scraping and the OpenAPI
 * description stay open, the other actuator endpoints are for admins, anything else is refused.
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
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .anyRequest().denyAll());
        return http.build();
    }
}
