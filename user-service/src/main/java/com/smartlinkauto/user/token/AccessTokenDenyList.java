package com.smartlinkauto.user.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.smartlinkauto.servicedefaults.revocation.RevokedAccessTokens;
import com.smartlinkauto.user.support.UserMetrics;

/**
 * Writes revoked access tokens to the deny list the gateway checks on every request
 * ({@link RevokedAccessTokens}: one Redis key per {@code jti}). Each entry lives as long as its token would
 * still be accepted (its remaining lifetime plus the validators' 60 s clock skew) and then disappears.
 * <p>
 * Written after the database change commits (a rolled-back logout revokes nothing). Redis unreachable: the
 * refresh tokens are revoked all the same, the access tokens are not (they expire within the access-token
 * lifetime, 15 min); logged and counted as {@code smartlink_users_access_token_revocations_total{outcome="failed"}}.
 */
@Component
public class AccessTokenDenyList {

    private static final Logger log = LoggerFactory.getLogger(AccessTokenDenyList.class);

    /** The clock skew Spring Security's JWT validators allow after {@code exp}. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final StringRedisTemplate redis;
    private final UserMetrics metrics;
    private final Clock clock;

    AccessTokenDenyList(StringRedisTemplate redis, UserMetrics metrics, Clock clock) {
        this.redis = redis;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Revokes the tokens once the current transaction commits, or now when there is none. */
    public void revokeAfterCommit(Collection<AccessTokenRef> tokens) {
        if (tokens.isEmpty()) {
            return;
        }
        List<AccessTokenRef> copy = List.copyOf(tokens);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    revoke(copy);
                }
            });
        }
        else {
            revoke(copy);
        }
    }

    /** Puts every token that is still accepted somewhere on the deny list until it no longer would be. */
    public void revoke(Collection<AccessTokenRef> tokens) {
        Instant now = clock.instant();
        int written = 0;
        for (AccessTokenRef token : tokens) {
            Duration ttl = Duration.between(now, token.expiresAt().plus(CLOCK_SKEW));
            if (ttl.isNegative() || ttl.isZero() || !RevokedAccessTokens.isValidJti(token.id())) {
                continue;
            }
            try {
                redis.opsForValue().set(RevokedAccessTokens.key(token.id()), "1", ttl);
                written++;
            }
            catch (RuntimeException ex) {
                metrics.accessTokenRevocations("failed", 1);
                log.error("Access token {} could not be revoked (it expires at {}): {}", token.id(), token.expiresAt(),
                        ex.toString());
            }
        }
        if (written > 0) {
            metrics.accessTokenRevocations("written", written);
        }
    }
}
