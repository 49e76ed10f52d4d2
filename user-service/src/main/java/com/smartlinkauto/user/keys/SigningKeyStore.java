package com.smartlinkauto.user.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.smartlinkauto.user.audit.AuditAction;
import com.smartlinkauto.user.audit.AuditLog;
import com.smartlinkauto.user.support.AdvisoryLocks;
import com.smartlinkauto.user.token.TokenProperties;

/**
 * The RS256 signing keys, kept in the database so they survive restarts and are shared by every
 * instance. One key is active (signs); rotation retires it (its private half is wiped) and creates a
 * new one, while the retired public key stays published until every token it signed has expired.
 * Each instance holds a snapshot in memory, re-read periodically and whenever a token names a key id
 * it does not know yet (another instance rotated).
 */
@Component
public class SigningKeyStore implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyStore.class);

    private static final String LOCK = "user-service:signing-keys";
    private static final String ALGORITHM = "RS256";
    private static final int KEY_BITS = 2048;
    /** Published beyond the last token's expiry: clock skew allowance and JWKS caches. */
    private static final Duration PUBLISH_MARGIN = Duration.ofMinutes(5);
    private static final Duration MIN_RELOAD_ON_MISS = Duration.ofSeconds(5);

    private final SigningKeyRepository keys;
    private final PrivateKeyProtector protector;
    private final AdvisoryLocks locks;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final TokenProperties tokens;
    private final Clock clock;

    private volatile Snapshot snapshot;
    private volatile Instant lastReloadOnMiss = Instant.EPOCH;

    /** What an instance signs and verifies with until the next reload. */
    public record Snapshot(String activeKid, JwtEncoder encoder, List<JWK> published) {
    }

    /** @param previousKid null when there was no key yet */
    public record Rotation(String previousKid, String kid) {
    }

    SigningKeyStore(SigningKeyRepository keys, KeyProperties properties, AdvisoryLocks locks, AuditLog audit,
            TransactionTemplate tx, TokenProperties tokens, Clock clock) {
        this.keys = keys;
        this.protector = new PrivateKeyProtector(properties.encryptionSecret());
        this.locks = locks;
        this.audit = audit;
        this.tx = tx;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Creates the first key on the very first start (one instance does it; the others wait and read it). */
    @Override
    public void afterPropertiesSet() {
        if (!protector.encrypts()) {
            log.warn("Signing keys are stored without encryption: set SMARTLINK_KEYS_ENCRYPTION_SECRET");
        }
        tx.executeWithoutResult(status -> {
            locks.lockForTransaction(LOCK);
            if (keys.findActive().isEmpty()) {
                SigningKey key = generate(clock.instant());
                keys.saveAndFlush(key);
                log.info("Created the first token signing key {}", key.getKid());
            }
        });
        reload();
    }

    public Snapshot current() {
        return snapshot;
    }

    /** Public keys for {@code /.well-known/jwks.json}: never a private parameter. */
    public Map<String, Object> publicJwks() {
        return new JWKSet(snapshot.published()).toJSONObject(true);
    }

    /** Keys a token may be verified with; an unknown key id triggers one (rate-limited) reload. */
    public JWKSource<SecurityContext> verificationKeys() {
        return (JWKSelector selector, SecurityContext context) -> {
            List<JWK> found = selector.select(new JWKSet(snapshot.published()));
            var kids = selector.getMatcher().getKeyIDs();
            if (found.isEmpty() && kids != null && !kids.isEmpty()) {
                Instant now = clock.instant();
                if (lastReloadOnMiss.plus(MIN_RELOAD_ON_MISS).isBefore(now)) {
                    lastReloadOnMiss = now;
                    reload();
                    found = selector.select(new JWKSet(snapshot.published()));
                }
            }
            return found;
        };
    }

    /** Re-reads the key table: the active key and every key whose tokens may still be valid. */
    @Scheduled(fixedDelayString = "${smartlink.users.keys.refresh-interval:30s}",
            initialDelayString = "${smartlink.users.keys.refresh-interval:30s}")
    public void reload() {
        Instant cutoff = clock.instant().minus(tokens.accessTokenTtl()).minus(PUBLISH_MARGIN);
        List<SigningKey> rows = tx.execute(status -> keys.findPublishable(cutoff));
        SigningKey active = rows.stream().filter(k -> k.getRetiredAt() == null).findFirst()
                .orElseThrow(() -> new IllegalStateException("No active signing key"));
        List<JWK> published = new ArrayList<>();
        for (SigningKey row : rows) {
            published.add(new RSAKey.Builder(publicKey(row)).keyID(row.getKid()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).build());
        }
        Snapshot previous = snapshot;
        JwtEncoder encoder = previous != null && previous.activeKid().equals(active.getKid()) ? previous.encoder()
                : encoder(active);
        snapshot = new Snapshot(active.getKid(), encoder, List.copyOf(published));
    }

    /** Admin-requested rotation (audited with the admin as actor). */
    public Rotation rotate(UUID actorId) {
        Rotation rotation = tx.execute(status -> {
            locks.lockForTransaction(LOCK);
            return rotateLocked(actorId, "requested by an admin");
        });
        reload();
        return rotation;
    }

    /** Scheduled rotation: replaces the active key once it reaches {@code maxAge}. */
    public Optional<Rotation> rotateIfOlderThan(Duration maxAge) {
        Rotation rotation = tx.execute(status -> {
            locks.lockForTransaction(LOCK);
            SigningKey active = keys.findActive().orElse(null);
            if (active != null && active.getCreatedAt().plus(maxAge).isAfter(clock.instant())) {
                return null;
            }
            return rotateLocked(null, "reached the maximum key age " + maxAge);
        });
        if (rotation != null) {
            reload();
        }
        return Optional.ofNullable(rotation);
    }

    private Rotation rotateLocked(UUID actorId, String reason) {
        Instant now = clock.instant();
        SigningKey current = keys.findActive().orElse(null);
        if (current != null) {
            current.retire(now);
            keys.saveAndFlush(current);
        }
        SigningKey next = generate(now);
        keys.saveAndFlush(next);
        String previousKid = current == null ? null : current.getKid();
        audit.record(actorId, AuditAction.SIGNING_KEY_ROTATED, next.getKid(), previousKid, next.getKid(), reason);
        log.info("Rotated the token signing key: {} replaces {} ({})", next.getKid(), previousKid, reason);
        return new Rotation(previousKid, next.getKid());
    }

    private SigningKey generate(Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS);
            KeyPair pair = generator.generateKeyPair();
            RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
            // RFC 7638 thumbprint: a stable, unique key id derived from the public key
            String kid = new RSAKey.Builder(publicKey).build().computeThumbprint().toString();
            byte[] pkcs8 = pair.getPrivate().getEncoded();
            try {
                return new SigningKey(kid, ALGORITHM, publicKey.getEncoded(), protector.protect(pkcs8, kid), now);
            }
            finally {
                Arrays.fill(pkcs8, (byte) 0);
            }
        }
        catch (GeneralSecurityException | JOSEException ex) {
            throw new IllegalStateException("Could not generate a signing key", ex);
        }
    }

    private JwtEncoder encoder(SigningKey active) {
        byte[] pkcs8 = protector.unprotect(active.getPrivateKeyProtection(), active.getPrivateKey(), active.getKid());
        try {
            RSAPrivateKey privateKey = (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            RSAKey jwk = new RSAKey.Builder(publicKey(active)).privateKey(privateKey).keyID(active.getKid())
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
            return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(jwk)));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Could not load signing key " + active.getKid(), ex);
        }
        finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    private static RSAPublicKey publicKey(SigningKey row) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(row.getPublicKey()));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Could not read public key " + row.getKid(), ex);
        }
    }
}
