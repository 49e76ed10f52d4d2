package com.smartlinkauto.user.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

import com.smartlinkauto.servicedefaults.security.ProblemAccessDeniedHandler;
import com.smartlinkauto.servicedefaults.security.ProblemAuthenticationEntryPoint;
import com.smartlinkauto.servicedefaults.security.StatelessApiSecurity;

/**
 * Stateless bearer-token security. This service validates its own access tokens as an OAuth2 resource
 * server against its own key store (no HTTP round trip to its JWKS; the {@link JwtDecoder} comes from
 * {@code keys.TokenVerificationConfiguration}), maps the {@code roles} claim to {@code ROLE_*}
 * authorities, and answers 401/403 with problem+json.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder,
            ProblemAuthenticationEntryPoint entryPoint, ProblemAccessDeniedHandler accessDenied) {
        StatelessApiSecurity.apply(http, jwtDecoder, entryPoint, accessDenied)
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(HttpMethod.POST, "/api/auth/register", "/api/auth/login", "/api/auth/refresh",
                                "/api/auth/logout", "/api/partners")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/.well-known/jwks.json").permitAll()
                        // services authenticate there with their client secret (servicetoken.TokenEndpoint)
                        .requestMatchers(HttpMethod.POST, "/oauth2/token").permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/api/admin/**", "/actuator/**").hasRole("ADMIN")
                        .requestMatchers("/api/partners/me/**").hasRole("PARTNER")
                        .anyRequest().authenticated());
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // {bcrypt} by default; the prefix lets a later change of algorithm upgrade hashes on login.
        // Hashing runs on one platform thread per core (see BoundedPasswordEncoder).
        return new BoundedPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder(),
                Math.max(1, Runtime.getRuntime().availableProcessors()));
    }
}
