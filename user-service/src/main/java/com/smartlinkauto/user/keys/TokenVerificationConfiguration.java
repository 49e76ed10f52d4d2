package com.smartlinkauto.user.keys;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import com.smartlinkauto.servicedefaults.security.SmartlinkJwt;
import com.smartlinkauto.servicedefaults.security.VerifiedJwtCache;
import com.smartlinkauto.user.token.TokenProperties;

/**
 * How this service verifies the access tokens it issued: against its own key store (no HTTP round trip
 * to its JWKS). The security filter chain ({@code security.SecurityConfiguration}) uses this decoder.
 */
@Configuration(proxyBeanMethods = false)
class TokenVerificationConfiguration {

    /** Access tokens kept verified ({@link VerifiedJwtCache}: re-validated on every request, at most 5 minutes). */
    static final int VERIFIED_TOKENS = 2000;

    /** RS256 only (no {@code none}, no HMAC), signature by one of our published keys, issuer and expiry checked. */
    @Bean
    JwtDecoder jwtDecoder(SigningKeyStore keys, TokenProperties tokens) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys.verificationKeys())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        OAuth2TokenValidator<Jwt> validator = SmartlinkJwt.validator(tokens.issuer());
        decoder.setJwtValidator(validator);
        return new VerifiedJwtCache(validator, VERIFIED_TOKENS).caching(decoder);
    }
}
