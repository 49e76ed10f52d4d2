package com.smartlinkauto.servicedefaults.security;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param jwkSetUri where user-service publishes its public keys; {@code user-service} resolves
 *                  through discovery (a load-balanced client) when Spring Cloud LoadBalancer is present
 * @param issuer    the {@code iss} every access token must carry
 * @param verifiedTokenCacheSize how many verified access tokens to keep ({@link VerifiedJwtCache}); 0 decodes
 *                  every request's token
 */
@ConfigurationProperties("smartlink.security")
public record ResourceServerProperties(
        @DefaultValue("http://user-service/.well-known/jwks.json") String jwkSetUri,
        @DefaultValue("smartlink-user-service") String issuer,
        @DefaultValue("2000") @Min(0) @Max(100000) long verifiedTokenCacheSize) {
}
