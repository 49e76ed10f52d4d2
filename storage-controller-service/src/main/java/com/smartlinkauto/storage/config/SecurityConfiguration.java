package com.smartlinkauto.storage.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

import com.smartlinkauto.servicedefaults.security.ProblemAccessDeniedHandler;
import com.smartlinkauto.servicedefaults.security.ProblemAuthenticationEntryPoint;
import com.smartlinkauto.servicedefaults.security.StatelessApiSecurity;
import com.smartlinkauto.servicedefaults.servicetoken.ServiceAccessRules;
import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokenVerifier;

/**
 * {@code /api/storage/**} is for admins (bearer tokens from user-service). {@code /internal/storage/**} is not
 * routed by the gateway and takes only service tokens for storage-controller-service (service-defaults'
 * service-token chain, ordered before this one): the file API {@code /internal/storage/files} for the services
 * that store files (each sees only its own files), the node reports {@code /internal/storage/nodes/**} for
 * storage-node-service only, the network's figures {@code /internal/storage/stats} for user-service only (its admin
 * overview).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String NODE_CLIENT = "storage-node-service";
    static final String OVERVIEW_CLIENT = "user-service";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder,
            ProblemAuthenticationEntryPoint entryPoint, ProblemAccessDeniedHandler accessDenied) {
        StatelessApiSecurity.apply(http, jwtDecoder, entryPoint, accessDenied)
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/api/storage/**", "/actuator/**").hasRole("ADMIN")
                        .anyRequest().denyAll());
        return http.build();
    }

    /** Heartbeats, chunk reports and the node list: the nodes only. */
    @Bean
    ServiceAccessRules nodeReportsOnlyFromNodes() {
        return rules -> rules.requestMatchers("/internal/storage/nodes", "/internal/storage/nodes/**")
                .hasAuthority(ServiceTokenVerifier.client(NODE_CLIENT));
    }

    /** The network's figures without an admin's token: user-service's admin overview only. */
    @Bean
    ServiceAccessRules statsOnlyForTheOverview() {
        return rules -> rules.requestMatchers("/internal/storage/stats")
                .hasAuthority(ServiceTokenVerifier.client(OVERVIEW_CLIENT));
    }
}
