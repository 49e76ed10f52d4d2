package com.smartlinkauto.user.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

import com.smartlinkauto.user.account.UserAccount;
import com.smartlinkauto.user.keys.SigningKeyStore;
import com.smartlinkauto.user.token.AccessTokenRef;
import com.smartlinkauto.user.token.TokenProperties;

/**
 * Issues RS256 access tokens: {@code sub} = user id, {@code roles}, {@code email}, {@code iss},
 * {@code iat}, {@code exp}, {@code jti}, and the signing key's {@code kid} in the header.
 */
@Component
public class AccessTokenIssuer {

    private final SigningKeyStore keys;
    private final TokenProperties properties;
    private final Clock clock;

    AccessTokenIssuer(SigningKeyStore keys, TokenProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    public record AccessToken(String value, long expiresInSeconds) {

        @Override
        public String toString() {
            return "AccessToken[***]";
        }
    }

    /**
     * The id and lifetime of the next access token, chosen before it is signed so that the refresh token
     * issued with it can record them (and whatever revokes that refresh token can revoke this access token).
     */
    public record Planned(String id, Instant issuedAt, Instant expiresAt) {

        public AccessTokenRef ref() {
            return new AccessTokenRef(id, expiresAt);
        }
    }

    public Planned plan() {
        return plan(clock.instant());
    }

    private Planned plan(Instant issuedAt) {
        return new Planned(UUID.randomUUID().toString(), issuedAt, issuedAt.plus(properties.accessTokenTtl()));
    }

    public AccessToken issue(UserAccount user) {
        return issue(user, plan());
    }

    /** A token as if issued at {@code issuedAt} (the clock's now in production). */
    public AccessToken issue(UserAccount user, Instant issuedAt) {
        return issue(user, plan(issuedAt));
    }

    /** The planned token, signed. */
    public AccessToken issue(UserAccount user, Planned planned) {
        SigningKeyStore.Snapshot key = keys.current();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .subject(user.getId().toString())
                .issuedAt(planned.issuedAt())
                .expiresAt(planned.expiresAt())
                .id(planned.id())
                .claim("email", user.getEmail())
                .claim("roles", user.getRoles().stream().sorted().map(Enum::name).toList())
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.activeKid()).type("JWT").build();
        String value = key.encoder().encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new AccessToken(value, properties.accessTokenTtl().toSeconds());
    }
}
