package com.smartlinkauto.servicedefaults.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The verified-token cache must never accept what a fresh decode would refuse: real RS256 tokens, a real
 * {@link NimbusJwtDecoder}, and a clock the validators read, moved past a cached token's expiry.
 */
class VerifiedJwtCacheTest {

    private static final String ISSUER = "smartlink-user-service";

    private RSAKey key;
    private MovableClock clock;
    private AtomicInteger decodes;
    private JwtDecoder decoder;

    @BeforeEach
    void setUp() throws JOSEException {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        clock = new MovableClock(Instant.now());
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ofSeconds(60));
        timestamps.setClock(clock);
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(timestamps,
                new JwtIssuerValidator(ISSUER));
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256).build();
        nimbus.setJwtValidator(validator);
        decodes = new AtomicInteger();
        JwtDecoder counting = token -> {
            decodes.incrementAndGet();
            return nimbus.decode(token);
        };
        decoder = new VerifiedJwtCache(validator, 100).caching(counting);
    }

    @Test
    void aTokenIsVerifiedOnceAndServedFromTheCacheAfterwards() throws JOSEException {
        String token = token(key, ISSUER, Duration.ofMinutes(15));

        Jwt first = decoder.decode(token);
        Jwt second = decoder.decode(token);

        assertThat(second).isSameAs(first);
        assertThat(decodes).hasValue(1);
    }

    @Test
    void aCachedTokenIsRefusedOnceItHasExpired() throws JOSEException {
        String token = token(key, ISSUER, Duration.ofMinutes(2));
        decoder.decode(token);

        clock.advance(Duration.ofMinutes(4)); // past exp + 60 s skew

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
        assertThat(decodes).as("the stale entry is dropped and the token decoded again").hasValue(2);
    }

    @Test
    void aTokenDifferingInOneCharacterIsNeverServedFromTheCache() throws JOSEException {
        String token = token(key, ISSUER, Duration.ofMinutes(15));
        decoder.decode(token);
        // the same header and signature over an edited payload (another subject)
        String[] parts = token.split("\\.");
        String otherClaims = token(key, ISSUER, Duration.ofMinutes(15)).split("\\.")[1];
        String tampered = parts[0] + "." + otherClaims + "." + parts[2];

        assertThatThrownBy(() -> decoder.decode(tampered)).isInstanceOf(JwtException.class);
        assertThat(decodes).hasValue(2);
        assertThat(decoder.decode(token).getSubject()).as("the genuine token is still served").isNotNull();
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefusedEveryTimeAndNeverCached() throws JOSEException {
        RSAKey other = new RSAKeyGenerator(2048).keyID("k1").generate();
        String forged = token(other, ISSUER, Duration.ofMinutes(15));

        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
        assertThat(decodes).hasValue(2);
    }

    @Test
    void aTokenOfAnotherIssuerIsRefusedEveryTime() throws JOSEException {
        String foreign = token(key, "someone-else", Duration.ofMinutes(15));

        assertThatThrownBy(() -> decoder.decode(foreign)).isInstanceOf(JwtValidationException.class);
        assertThatThrownBy(() -> decoder.decode(foreign)).isInstanceOf(JwtValidationException.class);
        assertThat(decodes).hasValue(2);
    }

    @Test
    void aZeroSizedCacheDecodesEveryTime() throws JOSEException {
        JwtDecoder delegate = decoder;
        AtomicInteger calls = new AtomicInteger();
        JwtDecoder uncached = new VerifiedJwtCache(jwt -> OAuth2TokenValidatorResult.success(), 0)
                .caching(token -> {
                    calls.incrementAndGet();
                    return delegate.decode(token);
                });
        String token = token(key, ISSUER, Duration.ofMinutes(15));

        uncached.decode(token);
        uncached.decode(token);

        assertThat(calls).hasValue(2);
    }

    private String token(RSAKey signer, String issuer, Duration lifetime) throws JOSEException {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(UUID.randomUUID().toString()).issuer(issuer)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(),
                claims);
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }

    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
