package com.smartlinkauto.user.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.transaction.support.TransactionTemplate;

import com.smartlinkauto.user.Api;
import com.smartlinkauto.user.ApiTestSupport;
import com.smartlinkauto.user.UserServiceIT;
import com.smartlinkauto.user.audit.AuditLog;
import com.smartlinkauto.user.support.AdvisoryLocks;
import com.smartlinkauto.user.token.TokenProperties;

import tools.jackson.databind.JsonNode;

/** The JWKS, keys that survive restarts, rotation that keeps old tokens valid. */
@UserServiceIT
class SigningKeysIT extends ApiTestSupport {

    @Autowired
    SigningKeyStore store;

    @Autowired
    SigningKeyRepository repository;

    @Autowired
    KeyProperties keyProperties;

    @Autowired
    AdvisoryLocks locks;

    @Autowired
    AuditLog audit;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    TokenProperties tokens;

    @Autowired
    JdbcTemplate jdbc;

    /** What a second instance, or this one after a restart, sees: a fresh store over the same table. */
    private SigningKeyStore restartedStore(KeyProperties properties) {
        return new SigningKeyStore(repository, properties, locks, audit, tx, tokens, Clock.systemUTC());
    }

    private static String kidOf(String jwt) {
        return Api.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[0])).path("kid").asString();
    }

    private List<String> publishedKids() {
        List<String> kids = new ArrayList<>();
        api.get("/.well-known/jwks.json").json().path("keys").forEach(key -> kids.add(key.path("kid").asString()));
        return kids;
    }

    @Test
    void jwksPublishesPublicKeysOnlyWithoutAuthentication() {
        Api.Response response = api.get("/.well-known/jwks.json");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).contains("max-age=60").contains("public");
        JsonNode keys = response.json().path("keys");
        assertThat(keys.size()).isPositive();
        assertThat(publishedKids()).contains(store.current().activeKid());
        for (JsonNode key : keys) {
            assertThat(key.path("kty").asString()).isEqualTo("RSA");
            assertThat(key.path("use").asString()).isEqualTo("sig");
            assertThat(key.path("alg").asString()).isEqualTo("RS256");
            assertThat(key.path("n").asString()).isNotBlank();
            for (String privateParameter : List.of("d", "p", "q", "dp", "dq", "qi")) {
                assertThat(key.has(privateParameter)).as(privateParameter).isFalse();
            }
        }
    }

    @Test
    void theSigningKeySurvivesARestartAndIsEncryptedAtRest() {
        SigningKeyStore restarted = restartedStore(keyProperties);
        restarted.afterPropertiesSet();
        assertThat(restarted.current().activeKid()).isEqualTo(store.current().activeKid());
        assertThat(restarted.publicJwks()).isEqualTo(store.publicJwks());

        Map<String, Object> row = jdbc.queryForMap(
                "select private_key_protection, private_key from signing_keys where retired_at is null");
        assertThat(row.get("private_key_protection")).isEqualTo("AES256-GCM");
        // without the secret the private key cannot be read: the service refuses to start
        SigningKeyStore withoutSecret = restartedStore(
                new KeyProperties(keyProperties.maxAge(), keyProperties.refreshInterval(), null));
        assertThatThrownBy(withoutSecret::afterPropertiesSet).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SMARTLINK_KEYS_ENCRYPTION_SECRET");
    }

    @Test
    void rotationKeepsTheOldKeyPublishedAndItsTokensValid() {
        Api.Account renter = api.registerRenter();
        String before = api.login(renter).accessToken();
        String oldKid = kidOf(before);
        String admin = api.adminToken();

        Api.Response rotated = api.post("/api/admin/keys/rotate", null, admin);
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String newKid = rotated.text("kid");
        assertThat(newKid).isNotEqualTo(rotated.text("previousKid"));

        assertThat(publishedKids()).contains(oldKid, newKid);
        assertThat(api.get("/api/users/me", before).status()).isEqualTo(200);
        String after = api.login(renter).accessToken();
        assertThat(kidOf(after)).isEqualTo(newKid);
        assertThat(api.get("/api/users/me", after).status()).isEqualTo(200);

        // the retired key's private half is gone; the rotation is audited with the admin as actor
        assertThat(jdbc.queryForObject("select private_key is null from signing_keys where kid = ?", Boolean.class,
                rotated.text("previousKid"))).isTrue();
        JsonNode entry = api.get("/api/admin/audit?subjectId=" + newKid, admin).json().path("items").get(0);
        assertThat(entry.path("action").asString()).isEqualTo("SIGNING_KEY_ROTATED");
        assertThat(entry.path("from").asString()).isEqualTo(rotated.text("previousKid"));
        assertThat(entry.path("to").asString()).isEqualTo(newKid);
        assertThat(entry.path("actorId").asString()).isNotBlank();
    }

    @Test
    void aKeyRotatedByAnotherInstanceIsPickedUpOnFirstSight() {
        SigningKeyStore otherInstance = restartedStore(keyProperties);
        otherInstance.afterPropertiesSet();
        SigningKeyStore.Rotation rotation = otherInstance.rotate(null);
        assertThat(store.current().activeKid()).isNotEqualTo(rotation.kid());

        Api.Account renter = api.registerRenter();
        SigningKeyStore.Snapshot other = otherInstance.current();
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(tokens.issuer()).subject(renter.id())
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300)).claim("roles", List.of("RENTER"))
                .build();
        String token = other.encoder().encode(JwtEncoderParameters.from(
                JwsHeader.with(SignatureAlgorithm.RS256).keyId(other.activeKid()).build(), claims)).getTokenValue();
        assertThat(api.get("/api/users/me", token).status()).isEqualTo(200);
        assertThat(store.current().activeKid()).isEqualTo(rotation.kid());
    }

    @Test
    void scheduledRotationHappensOnlyOnceTheKeyIsOldEnough() {
        assertThat(store.rotateIfOlderThan(Duration.ofDays(3650))).isEmpty();
        String before = store.current().activeKid();
        SigningKeyStore.Rotation rotation = store.rotateIfOlderThan(Duration.ZERO).orElseThrow();
        assertThat(rotation.previousKid()).isEqualTo(before);
        assertThat(store.current().activeKid()).isEqualTo(rotation.kid());
        assertThat(jdbc.queryForObject("select count(*) from signing_keys where retired_at is null", Integer.class))
                .isOne();
    }
}
