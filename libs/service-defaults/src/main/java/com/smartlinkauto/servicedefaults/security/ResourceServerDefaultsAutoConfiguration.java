package com.smartlinkauto.servicedefaults.security;

import java.net.URI;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerInterceptor;
import org.springframework.cloud.client.loadbalancer.LoadBalancerRequestFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.client.RestTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import com.smartlinkauto.servicedefaults.servicetoken.ServiceUris;

import tools.jackson.databind.json.JsonMapper;

/**
 * The resource-server side every servlet service shares: problem+json 401/403 handlers, a 403 for
 * {@code AccessDeniedException} thrown by application code, and (unless the service brings its own,
 * as user-service does with its key store) a {@link JwtDecoder} that accepts only RS256 tokens signed
 * with a key from user-service's JWKS and issued by it. Each service still writes its own
 * {@link SecurityFilterChain} ({@link StatelessApiSecurity#apply} sets up the common part): which routes
 * are public and who owns what are its decisions.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ SecurityFilterChain.class, JwtDecoder.class,
        LoadBalancerInterceptor.class })
@EnableConfigurationProperties(ResourceServerProperties.class)
public class ResourceServerDefaultsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ProblemAuthenticationEntryPoint problemAuthenticationEntryPoint(JsonMapper json) {
        return new ProblemAuthenticationEntryPoint(json);
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemAccessDeniedHandler problemAccessDeniedHandler(JsonMapper json) {
        return new ProblemAccessDeniedHandler(json);
    }

    @Bean
    SecurityProblemAdvice securityProblemAdvice() {
        return new SecurityProblemAdvice();
    }

    /**
     * Keys from {@code smartlink.security.jwk-set-uri}; a bare service name as host ({@code user-service}) is
     * resolved through discovery when Spring Cloud LoadBalancer is there ({@link ServiceUris}), any other host
     * is called directly. Verified tokens are kept ({@link VerifiedJwtCache}, re-validated on every use; its hits
     * and misses as the {@code cache="verified-access-tokens"} cache metrics).
     */
    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(ResourceServerProperties properties, ObjectProvider<LoadBalancerClient> loadBalancer,
            ObjectProvider<LoadBalancerRequestFactory> requestFactory, ObjectProvider<MeterRegistry> meters) {
        RestTemplate rest = new RestTemplate();
        ServiceUris.loadBalancing(URI.create(properties.jwkSetUri()), loadBalancer, requestFactory)
                .ifPresent(interceptor -> rest.getInterceptors().add(interceptor));
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .restOperations(rest)
                .build();
        OAuth2TokenValidator<Jwt> validator = SmartlinkJwt.validator(properties.issuer());
        decoder.setJwtValidator(validator);
        VerifiedJwtCache verified = new VerifiedJwtCache(validator, properties.verifiedTokenCacheSize());
        meters.ifAvailable(registry -> CaffeineCacheMetrics.monitor(registry, verified.cache(), "verified-access-tokens"));
        return verified.caching(decoder);
    }
}
