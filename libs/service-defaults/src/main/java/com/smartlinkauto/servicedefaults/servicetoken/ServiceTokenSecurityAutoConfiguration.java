package com.smartlinkauto.servicedefaults.servicetoken;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerInterceptor;
import org.springframework.cloud.client.loadbalancer.LoadBalancerRequestFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.client.RestTemplate;

import com.smartlinkauto.servicedefaults.security.ProblemAccessDeniedHandler;
import com.smartlinkauto.servicedefaults.security.ProblemAuthenticationEntryPoint;
import com.smartlinkauto.servicedefaults.security.ResourceServerDefaultsAutoConfiguration;
import com.smartlinkauto.servicedefaults.security.ResourceServerProperties;

/**
 * The receiving side of service credentials: a security filter chain for {@code /internal/**} (and
 * {@code smartlink.security.service.extra-paths}), ordered before each service's own chain, that accepts only
 * service tokens for this service ({@link ServiceTokenVerifier}): no token is a 401, a user's token (even an
 * admin's) or a token for another service is a 401, a service the rules do not let in is a 403, all as
 * problem+json. A service narrows who may call what with {@link ServiceAccessRules} beans.
 */
@AutoConfiguration(after = ResourceServerDefaultsAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ SecurityFilterChain.class, JwtDecoder.class, LoadBalancerInterceptor.class })
@EnableConfigurationProperties({ ServiceTokenProperties.class, ResourceServerProperties.class })
public class ServiceTokenSecurityAutoConfiguration {

    /** Before any chain a service declares (those have the default, lowest order). */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    @Bean
    @ConditionalOnMissingBean
    ServiceTokenVerifier serviceTokenVerifier(ServiceTokenProperties service, ResourceServerProperties resourceServer,
            Environment environment, ObjectProvider<LoadBalancerClient> loadBalancer,
            ObjectProvider<LoadBalancerRequestFactory> requestFactory) {
        RestTemplate rest = new RestTemplate();
        ServiceUris.loadBalancing(java.net.URI.create(resourceServer.jwkSetUri()), loadBalancer, requestFactory)
                .ifPresent(interceptor -> rest.getInterceptors().add(interceptor));
        return ServiceTokenVerifier.withJwkSetUri(resourceServer.jwkSetUri(), rest, resourceServer.issuer(),
                audience(service, environment));
    }

    static String audience(ServiceTokenProperties service, Environment environment) {
        return service.audience() != null ? service.audience()
                : environment.getProperty("spring.application.name", "application");
    }

    @Bean
    @Order(ORDER)
    SecurityFilterChain serviceTokenSecurityFilterChain(HttpSecurity http, ServiceTokenProperties service,
            ServiceTokenVerifier verifier, ProblemAuthenticationEntryPoint entryPoint,
            ProblemAccessDeniedHandler accessDenied, ObjectProvider<ServiceAccessRules> rules) throws Exception {
        http.securityMatcher(service.paths().toArray(String[]::new))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(verifier.decoder())
                                .jwtAuthenticationConverter(ServiceTokenVerifier.authenticationConverter()))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied))
                .authorizeHttpRequests(authorize -> {
                    rules.orderedStream().forEach(rule -> rule.apply(authorize));
                    authorize.anyRequest().hasAuthority(ServiceTokenVerifier.SCOPE_AUTHORITY);
                });
        return http.build();
    }
}
