package com.smartlinkauto.discovery.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

import com.smartlinkauto.servicedefaults.security.ProblemAccessDeniedHandler;

import jakarta.servlet.DispatcherType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry is not open: every call to {@code /eureka/**} needs HTTP Basic credentials.
 * <ul>
 * <li>Services ({@code ROLE_SERVICE}, user = {@code spring.application.name}, password = its service secret)
 * read the whole registry and write only their own application: {@code POST /eureka/apps/{app}} (register),
 * {@code PUT/DELETE /eureka/apps/{app}/**} (renew, status, metadata, cancel) with {@code app} = their own
 * name ({@link OwnApplicationOnly}). A rogue {@code user-service} instance cannot be registered without
 * user-service's secret.</li>
 * <li>The dashboard user ({@code ROLE_OPERATOR}, {@code SMARTLINK_DISCOVERY_DASHBOARD_PASSWORD}) reads: the
 * dashboard at {@code /}, the registry, the actuator; it writes nothing.</li>
 * <li>Every other write under {@code /eureka/**} (peer replication, ASG status) is refused: this registry has
 * no peers.</li>
 * <li>{@code /actuator/health/**}, {@code /actuator/info} and {@code /actuator/prometheus} stay open for
 * probes and scraping.</li>
 * </ul>
 * Stateless (no session, no CSRF token: Basic on every call, as Eureka clients send it).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DiscoverySecurityProperties.class)
public class DiscoverySecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DiscoverySecurityConfiguration.class);

    @Bean
    RegistryCredentials registryCredentials(DiscoverySecurityProperties properties) {
        RegistryCredentials credentials = RegistryCredentials.from(properties);
        if (credentials.serviceNames().isEmpty()) {
            log.warn("No service clients (SMARTLINK_SERVICE_CLIENTS is empty): every registration is refused");
        }
        else {
            log.info("Service clients that may register: {}", credentials.serviceNames());
        }
        if (!credentials.hasOperator()) {
            log.info("No dashboard login (SMARTLINK_DISCOVERY_DASHBOARD_PASSWORD unset): the dashboard refuses everyone");
        }
        return credentials;
    }

    @Bean
    RegistryAuthenticationProvider registryAuthenticationProvider(RegistryCredentials credentials) {
        return new RegistryAuthenticationProvider(credentials);
    }

    @Bean
    SecurityFilterChain registrySecurity(HttpSecurity http, RegistryAuthenticationProvider provider,
            JsonMapper json) {
        BasicProblemEntryPoint entryPoint = new BasicProblemEntryPoint(json);
        ProblemAccessDeniedHandler denied = new ProblemAccessDeniedHandler(json);
        OwnApplicationOnly ownApplication = new OwnApplicationOnly();
        String service = RegistryCredentials.SERVICE;
        String operator = RegistryCredentials.OPERATOR;
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .authenticationProvider(provider)
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                .authorizeHttpRequests(authorize -> authorize
                        // error pages of requests that passed (or were refused by) these rules
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .requestMatchers("/actuator/**").hasRole(operator)
                        .requestMatchers(HttpMethod.GET, "/eureka/**").hasAnyRole(service, operator)
                        .requestMatchers(HttpMethod.HEAD, "/eureka/**").hasAnyRole(service, operator)
                        .requestMatchers(HttpMethod.POST, "/eureka/apps/{" + OwnApplicationOnly.APP + "}")
                        .access(ownApplication)
                        .requestMatchers(HttpMethod.PUT, "/eureka/apps/{" + OwnApplicationOnly.APP + "}/**")
                        .access(ownApplication)
                        .requestMatchers(HttpMethod.DELETE, "/eureka/apps/{" + OwnApplicationOnly.APP + "}/**")
                        .access(ownApplication)
                        .requestMatchers("/eureka/**").denyAll()
                        // the dashboard (/, /lastn) and anything else: the operator, reading
                        .requestMatchers(HttpMethod.GET, "/**").hasRole(operator)
                        .anyRequest().denyAll())
                .build();
    }
}
