package com.smartlinkauto.servicedefaults.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * What every service's security filter chain has in common: a stateless bearer-token API (no CSRF, no
 * session, no basic/form login, no request cache), the platform's JWTs ({@link SmartlinkJwt}) and
 * problem+json 401/403 answers. The service adds its own {@code authorizeHttpRequests} rules and builds.
 */
public final class StatelessApiSecurity {

    private StatelessApiSecurity() {
    }

    public static HttpSecurity apply(HttpSecurity http, JwtDecoder jwtDecoder, ProblemAuthenticationEntryPoint entryPoint,
            ProblemAccessDeniedHandler accessDenied) {
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(SmartlinkJwt.authenticationConverter()))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied));
    }
}
