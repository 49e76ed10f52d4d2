package com.smartlinkauto.testsupport.security;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.smartlinkauto.servicedefaults.security.SmartlinkJwt;

/**
 * Access tokens shaped like user-service's (RS256, issuer {@code smartlink-user-service}, UUID
 * {@code sub}, {@code roles} claim) signed with a key made for this test JVM, and the matching
 * {@link JwtDecoder} ({@link Decoder}: {@code @Import} it) that replaces the service's JWKS-backed
 * decoder. The service's own validation rules ({@link SmartlinkJwt#validator}) still apply.
 */
public final class TestTokens {

    public static final String ISSUER = "smartlink-user-service";
    private static final KeyPair KEYS = generate();

    private TestTokens() {
    }

    /** A token for a new user with the given roles (e.g. "ADMIN", "PARTNER", "RENTER"), valid 15 minutes. */
    public static String token(String... roles) {
        return token(UUID.randomUUID(), List.of(roles), Duration.ofMinutes(15));
    }

    public static String admin() {
        return token("ADMIN");
    }

    public static String token(UUID subject, List<String> roles, Duration validFor) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(subject.toString())
                .claim(SmartlinkJwt.ROLES_CLAIM, roles)
                .claim("email", subject + "@it.smartlinkauto.test")
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(validFor)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID("it-key").build(), claims);
        try {
            jwt.sign(new RSASSASigner((RSAPrivateKey) KEYS.getPrivate()));
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
        return jwt.serialize();
    }

    /** The decoder for these tokens, with the platform's validation rules. */
    public static JwtDecoder decoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic())
                .signatureAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(SmartlinkJwt.validator(ISSUER));
        return decoder;
    }

    /** {@code @Import(TestTokens.Decoder.class)} in a service's IT annotation. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Decoder {

        @Bean
        JwtDecoder testTokensJwtDecoder() {
            return decoder();
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
