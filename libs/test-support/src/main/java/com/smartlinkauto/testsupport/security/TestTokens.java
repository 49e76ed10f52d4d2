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
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.smartlinkauto.servicedefaults.security.SmartlinkJwt;
import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokenVerifier;
import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokens;

/**
 * Access tokens shaped like user-service's (RS256, issuer {@code smartlink-user-service}, UUID
 * {@code sub}, {@code roles} claim) signed with a key made for this test JVM, and the matching
 * {@link JwtDecoder} ({@link Decoder}: {@code @Import} it) that replaces the service's JWKS-backed
 * decoder. The service's own validation rules ({@link SmartlinkJwt#validator}) still apply. Service tokens
 * ({@link #service(String, String)}) are signed with the same key; {@link TestTokenServer} issues them over
 * HTTP and publishes the key as a JWK set.
 */
public final class TestTokens {

    public static final String ISSUER = "smartlink-user-service";
    public static final String KEY_ID = "it-key";
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
        return sign(claims);
    }

    /**
     * A service token as user-service's {@code POST /oauth2/token} issues it: {@code sub} = {@code client},
     * {@code aud} = [{@code audience}], {@code scope} "internal", valid 10 minutes.
     */
    public static String service(String client, String audience) {
        return service(client, List.of(audience), "internal", Duration.ofMinutes(10));
    }

    /** A service token with any audiences, scope and lifetime (a negative {@code validFor}: already expired). */
    public static String service(String client, List<String> audiences, String scope, Duration validFor) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(client)
                .audience(audiences)
                .claim("client_id", client)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(validFor.isNegative() ? now.plus(validFor).minusSeconds(60) : now))
                .expirationTime(Date.from(now.plus(validFor)));
        if (scope != null) {
            claims.claim("scope", scope);
        }
        return sign(claims.build());
    }

    /** {@link ServiceTokens} for {@code client} that mint {@link #service(String, String)} tokens in-process. */
    public static ServiceTokens serviceTokens(String client) {
        return new ServiceTokens() {

            @Override
            public String token(String audience) {
                return service(client, audience);
            }

            @Override
            public void invalidate(String audience) {
            }
        };
    }

    /** Signs any claims with this JVM's test key (kid {@code it-key}, RS256). */
    public static String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(KEY_ID).build(), claims);
        try {
            jwt.sign(new RSASSASigner((RSAPrivateKey) KEYS.getPrivate()));
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
        return jwt.serialize();
    }

    /** The public key these tokens are signed with. */
    public static RSAPublicKey publicKey() {
        return (RSAPublicKey) KEYS.getPublic();
    }

    /** The public key as a JWK set, as {@code /.well-known/jwks.json} publishes it. */
    public static Map<String, Object> jwks() {
        return new JWKSet(new RSAKey.Builder(publicKey()).keyID(KEY_ID).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256).build()).toJSONObject(true);
    }

    /** The decoder for these tokens, with the platform's validation rules. */
    public static JwtDecoder decoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic())
                .signatureAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(SmartlinkJwt.validator(ISSUER));
        return decoder;
    }

    /**
     * {@code @Import(TestTokens.Decoder.class)} in a service's IT annotation: users' tokens and service tokens
     * (audience = the service's {@code spring.application.name}) are checked against this JVM's test key, with
     * the platform's rules.
     */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Decoder {

        @Bean
        JwtDecoder testTokensJwtDecoder() {
            return decoder();
        }

        @Bean
        ServiceTokenVerifier testTokensServiceTokenVerifier(Environment environment) {
            return ServiceTokenVerifier.withPublicKey(publicKey(), ISSUER,
                    environment.getProperty("spring.application.name", "application"));
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
