package com.smartlinkauto.user.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.smartlinkauto.user.Api;
import com.smartlinkauto.user.ApiTestSupport;
import com.smartlinkauto.user.UserServiceIT;
import com.smartlinkauto.user.account.UserAccountRepository;
import com.smartlinkauto.user.keys.SigningKeyStore;
import com.smartlinkauto.user.auth.AccessTokenIssuer;

import tools.jackson.databind.node.ObjectNode;

/** 401 versus 403, and tokens that must never be accepted. */
@UserServiceIT
class SecurityIT extends ApiTestSupport {

    static final List<String[]> ADMIN_ROUTES = List.of(
            new String[] { "GET", "/api/admin/users" },
            new String[] { "GET", "/api/admin/partners/pending" },
            new String[] { "PATCH", "/api/admin/partners/" + UUID.randomUUID() + "/verification" },
            new String[] { "GET", "/api/admin/audit" },
            new String[] { "POST", "/api/admin/keys/rotate" });

    @Autowired
    AccessTokenIssuer issuer;

    @Autowired
    SigningKeyStore keys;

    @Autowired
    UserAccountRepository users;

    private Api.Response call(String[] route, String token) {
        Object body = route[0].equals("GET") ? null : Map.of("status", "VERIFIED");
        return api.send(route[0], route[1], body, token, Map.of());
    }

    @Test
    void noTokenIs401WithABearerChallenge() {
        for (String path : List.of("/api/users/me", "/api/users/me/notifications", "/api/admin/users")) {
            Api.Response response = api.get(path).assertProblem(401, "unauthorized");
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(response.json().path("instance").asString()).isEqualTo(path);
        }
        api.post("/api/partners/me/resubmit", null).assertProblem(401, "unauthorized");
        api.post("/api/admin/keys/rotate", null).assertProblem(401, "unauthorized");
    }

    @Test
    void rentersAndPartnersGet403OnEveryAdminRoute() {
        String renter = api.login(api.registerRenter()).accessToken();
        String partner = api.login(api.registerPartner()).accessToken();
        for (String[] route : ADMIN_ROUTES) {
            call(route, renter).assertProblem(403, "forbidden");
            call(route, partner).assertProblem(403, "forbidden");
            call(route, null).assertProblem(401, "unauthorized");
        }
        // partner-only route
        api.post("/api/partners/me/resubmit", null, renter).assertProblem(403, "forbidden");
        // the admin gets through (the PATCH to an unknown partner is a 404, not a 403)
        String admin = api.adminToken();
        assertThat(call(ADMIN_ROUTES.get(0), admin).status()).isEqualTo(200);
        call(ADMIN_ROUTES.get(2), admin).assertProblem(404, "not-found");
    }

    @Test
    void tamperedTokensAre401() throws Exception {
        Api.Account renter = api.registerRenter();
        String valid = api.login(renter).accessToken();
        String[] parts = valid.split("\\.");
        String kid = keys.current().activeKid();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();

        // alg none, claims unchanged, no signature
        String none = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + ".";
        // payload modified to claim ADMIN, original signature kept
        ObjectNode claims = (ObjectNode) Api.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        claims.putArray("roles").add("ADMIN");
        String modified = parts[0] + "." + b64.encodeToString(Api.JSON.writeValueAsBytes(claims)) + "." + parts[2];
        // a well-formed token signed by an attacker's key that claims our kid
        RSAKey attacker = new RSAKeyGenerator(2048).keyID(kid).generate();
        JWTClaimsSet forgedClaims = JWTClaimsSet.parse(Api.JSON.writeValueAsString(claims));
        SignedJWT wrongKey = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), forgedClaims);
        wrongKey.sign(new RSASSASigner(attacker));
        // HS256 "signed" with our public key as the HMAC secret (algorithm confusion)
        RSAKey ourPublic = (RSAKey) JWKSet.parse(keys.publicJwks()).getKeyByKeyId(kid);
        byte[] publicBytes = ourPublic.toRSAPublicKey().getEncoded();
        SignedJWT confused = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), forgedClaims);
        confused.sign(new MACSigner(publicBytes));

        for (String token : List.of(none, modified, wrongKey.serialize(), confused.serialize(),
                parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA",
                "abc.def.ghi", "not-a-jwt", valid + "x")) {
            Api.Response me = api.get("/api/users/me", token).assertProblem(401, "unauthorized");
            assertThat(me.header("WWW-Authenticate")).contains("invalid_token");
            api.get("/api/admin/users", token).assertProblem(401, "unauthorized");
        }
        assertThat(api.get("/api/users/me", valid).status()).isEqualTo(200);
    }

    @Test
    void expiredTokensAndForeignIssuersAre401() {
        Api.Account renter = api.registerRenter();
        var user = users.findById(UUID.fromString(renter.id())).orElseThrow();
        String expired = issuer.issue(user, Instant.now().minus(Duration.ofMinutes(20))).value();
        api.get("/api/users/me", expired).assertProblem(401, "unauthorized");
        String fresh = issuer.issue(user, Instant.now()).value();
        assertThat(api.get("/api/users/me", fresh).status()).isEqualTo(200);

        // signed with our own key, but not issued by us
        SigningKeyStore.Snapshot key = keys.current();
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer("someone-else").subject(renter.id())
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(600)).claim("roles", List.of("ADMIN"))
                .build();
        String foreign = key.encoder().encode(JwtEncoderParameters.from(
                JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.activeKid()).build(), claims)).getTokenValue();
        api.get("/api/admin/users", foreign).assertProblem(401, "unauthorized");
    }

    @Test
    void unknownPathsAreStill401WithoutATokenAnd404WithOne() {
        api.get("/api/nowhere").assertProblem(401, "unauthorized");
        String token = api.login(api.registerRenter()).accessToken();
        api.get("/api/nowhere", token).assertProblem(404, "not-found");
    }
}
