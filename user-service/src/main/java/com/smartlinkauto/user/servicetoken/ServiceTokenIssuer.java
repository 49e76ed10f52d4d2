package com.smartlinkauto.user.servicetoken;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokens;
import com.smartlinkauto.user.keys.SigningKeyStore;
import com.smartlinkauto.user.token.TokenProperties;

/**
 * Signs service tokens with the current signing key (the one users' access tokens use, published in the same
 * JWKS): {@code iss} as users' tokens, {@code sub} and {@code client_id} = the calling service, {@code aud} =
 * [the called service], {@code scope} = {@value ServiceTokens#SCOPE}, {@code jti}, {@code iat}, {@code exp}.
 */
@Component
public class ServiceTokenIssuer {

    private final SigningKeyStore keys;
    private final TokenProperties tokens;
    private final ServiceClientProperties properties;
    private final Clock clock;

    ServiceTokenIssuer(SigningKeyStore keys, TokenProperties tokens, ServiceClientProperties properties, Clock clock) {
        if (properties.tokenTtl().compareTo(tokens.accessTokenTtl()) > 0 || properties.tokenTtl().isNegative()
                || properties.tokenTtl().isZero()) {
            // retired signing keys stay in the JWKS for the access-token lifetime (plus a margin) only
            throw new IllegalStateException("smartlink.users.service-clients.token-ttl (" + properties.tokenTtl()
                    + ") must be positive and at most smartlink.users.tokens.access-token-ttl ("
                    + tokens.accessTokenTtl() + ")");
        }
        this.keys = keys;
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
    }

    /** A signed token and its lifetime in seconds. */
    public record Issued(String value, long expiresInSeconds, Instant expiresAt) {

        @Override
        public String toString() {
            return "Issued[***, expires " + expiresAt + "]";
        }
    }

    public Issued issue(String clientId, String audience) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.tokenTtl());
        SigningKeyStore.Snapshot key = keys.current();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(tokens.issuer())
                .subject(clientId)
                .audience(List.of(audience))
                .issuedAt(now)
                .expiresAt(expiresAt)
                .id(UUID.randomUUID().toString())
                .claim("client_id", clientId)
                .claim("scope", ServiceTokens.SCOPE)
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.activeKid()).type("JWT").build();
        String value = key.encoder().encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new Issued(value, properties.tokenTtl().toSeconds(), expiresAt);
    }
}
