package com.smartlinkauto.servicedefaults.servicetoken;

import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.web.client.RestOperations;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.smartlinkauto.servicedefaults.security.VerifiedJwtCache;

/**
 * How a service checks a service token on its internal paths: RS256 by one of user-service's keys, the
 * platform's issuer, not expired, scope {@value ServiceTokens#SCOPE}, and this service's id in {@code aud}.
 * A user's access token (no audience, no scope) never passes, whatever its roles. It is not a
 * {@link JwtDecoder} bean: each service keeps its one {@code JwtDecoder} for users' tokens.
 * <p>
 * Authorities of an accepted token: {@code SCOPE_internal} and {@code SERVICE_<client id>} (see
 * {@link #client(String)}), the client id ({@code sub}) is the principal's name.
 */
public final class ServiceTokenVerifier {

    public static final String SCOPE_AUTHORITY = "SCOPE_" + ServiceTokens.SCOPE;
    public static final String CLIENT_AUTHORITY_PREFIX = "SERVICE_";

    /** Service tokens kept verified: a few per calling service (each keeps one until it nearly expires). */
    static final int VERIFIED_TOKENS = 256;

    private final JwtDecoder decoder;
    private final String audience;

    private ServiceTokenVerifier(NimbusJwtDecoder decoder, String issuer, String audience) {
        OAuth2TokenValidator<Jwt> validator = validator(issuer, audience);
        decoder.setJwtValidator(validator);
        // a calling service reuses its token until it nearly expires: verify it once, re-validate per call
        this.decoder = new VerifiedJwtCache(validator, VERIFIED_TOKENS).caching(decoder);
        this.audience = audience;
    }

    /** Keys from a JWKS endpoint (user-service's {@code /.well-known/jwks.json}). */
    public static ServiceTokenVerifier withJwkSetUri(String jwkSetUri, RestOperations rest, String issuer,
            String audience) {
        return new ServiceTokenVerifier(NimbusJwtDecoder.withJwkSetUri(jwkSetUri).jwsAlgorithm(SignatureAlgorithm.RS256)
                .restOperations(rest).build(), issuer, audience);
    }

    /** Keys from a JWK source (user-service verifies with its own key store). */
    public static ServiceTokenVerifier withJwkSource(JWKSource<SecurityContext> keys, String issuer, String audience) {
        return new ServiceTokenVerifier(NimbusJwtDecoder.withJwkSource(keys).jwsAlgorithm(SignatureAlgorithm.RS256)
                .build(), issuer, audience);
    }

    /** One fixed key (tests). */
    public static ServiceTokenVerifier withPublicKey(RSAPublicKey key, String issuer, String audience) {
        return new ServiceTokenVerifier(NimbusJwtDecoder.withPublicKey(key).signatureAlgorithm(SignatureAlgorithm.RS256)
                .build(), issuer, audience);
    }

    /** Expiry and not-before (default skew), issuer, {@code aud} containing {@code audience}, scope internal, a {@code sub}. */
    public static OAuth2TokenValidator<Jwt> validator(String issuer, String audience) {
        return new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
                new JwtClaimValidator<Object>(JwtClaimNames.AUD,
                        aud -> aud instanceof Collection<?> values && values.contains(audience)),
                new JwtClaimValidator<Object>("scope", ServiceTokenVerifier::hasInternalScope),
                new JwtClaimValidator<Object>(JwtClaimNames.SUB, sub -> sub instanceof String s && !s.isBlank()));
    }

    static boolean hasInternalScope(Object scope) {
        if (scope instanceof String s) {
            return List.of(s.trim().split("\\s+")).contains(ServiceTokens.SCOPE);
        }
        return scope instanceof Collection<?> values && values.contains(ServiceTokens.SCOPE);
    }

    /** The decoder for the service-token filter chain. */
    public JwtDecoder decoder() {
        return decoder;
    }

    /** The audience this verifier requires. */
    public String audience() {
        return audience;
    }

    /** The authority a token of {@code clientId} carries: {@code hasAuthority(client("storage-node-service"))}. */
    public static String client(String clientId) {
        return CLIENT_AUTHORITY_PREFIX + clientId;
    }

    /** {@code sub} as the principal; authorities {@code SCOPE_internal} and {@code SERVICE_<sub>}. */
    public static JwtAuthenticationConverter authenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setPrincipalClaimName(JwtClaimNames.SUB);
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            List<GrantedAuthority> authorities = new ArrayList<>(2);
            if (hasInternalScope(jwt.getClaim("scope"))) {
                authorities.add(new SimpleGrantedAuthority(SCOPE_AUTHORITY));
            }
            authorities.add(new SimpleGrantedAuthority(client(jwt.getSubject())));
            return authorities;
        });
        return converter;
    }
}
