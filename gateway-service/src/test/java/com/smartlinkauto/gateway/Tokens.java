package com.smartlinkauto.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Tokens shaped like user-service's (RS256, kid, sub, roles, email), signed with a test key. */
final class Tokens {

    static final String KID = "test-kid";
    static final String RENTER_ID = UUID.randomUUID().toString();
    static final String PARTNER_ID = UUID.randomUUID().toString();
    static final String ADMIN_ID = UUID.randomUUID().toString();
    static final RSAKey SIGNING_KEY = generate();
    /** Same kid, different key: what a forger without the private key would produce. */
    static final RSAKey OTHER_KEY = generate();

    private Tokens() {
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(KID).generate();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static String sign(RSAKey key, String subject, List<String> roles, Instant expiresAt) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer("smartlink-user-service")
                .claim("roles", roles)
                .claim("email", subject + "@test.example")
                .issueTime(Date.from(Instant.now().minusSeconds(1)))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
        return jwt.serialize();
    }

    /** A renter token, correctly signed, but issued by someone other than user-service. */
    static String signWithIssuer(String issuer) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(RENTER_ID).issuer(issuer)
                .claim("roles", List.of("RENTER"))
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KID).build(), claims);
        try {
            jwt.sign(new RSASSASigner(SIGNING_KEY));
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
        return jwt.serialize();
    }

    static String renter() {
        return sign(SIGNING_KEY, RENTER_ID, List.of("RENTER"), Instant.now().plusSeconds(300));
    }

    static String partner() {
        return sign(SIGNING_KEY, PARTNER_ID, List.of("PARTNER"), Instant.now().plusSeconds(300));
    }

    static String admin() {
        return sign(SIGNING_KEY, ADMIN_ID, List.of("ADMIN"), Instant.now().plusSeconds(300));
    }

    /** {@code alg: none}, no signature. */
    static String unsigned(String subject, List<String> roles) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"kid\":\"test-kid\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"sub\":\"" + subject + "\",\"roles\":" + roles.stream()
                .map(r -> "\"" + r + "\"").toList() + ",\"exp\":" + Instant.now().plusSeconds(300).getEpochSecond() + "}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    /** A valid token whose payload is swapped for one claiming ADMIN, keeping the old signature. */
    static String tamperedToAdmin(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"RENTER\"", "\"ADMIN\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }
}
