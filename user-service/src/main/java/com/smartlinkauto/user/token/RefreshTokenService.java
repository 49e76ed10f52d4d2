package com.smartlinkauto.user.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;
import com.smartlinkauto.user.support.UserMetrics;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Opaque refresh tokens: 256 random bits, base64url, stored only as SHA-256. A login starts a family;
 * each refresh spends the presented token and issues its successor in the same family. Presenting a
 * spent token means it leaked (or its successor did): the whole family is revoked.
 * <p>
 * Each row also records the access token issued with it ({@link AccessTokenRef}). Whatever ends a refresh
 * token ends that access token too, through the gateway's deny list ({@link AccessTokenDenyList}): a refresh
 * revokes the access token of the refresh token it spends; logout and reuse revoke the family's; revoking
 * a user (password change, admin bootstrap) revokes all of theirs.
 */
@Service
public class RefreshTokenService {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokenService.class);

    private final RefreshTokenRepository tokens;
    private final TokenProperties properties;
    private final UserMetrics metrics;
    private final AccessTokenDenyList denyList;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    RefreshTokenService(RefreshTokenRepository tokens, TokenProperties properties, UserMetrics metrics,
            AccessTokenDenyList denyList, Clock clock) {
        this.tokens = tokens;
        this.properties = properties;
        this.metrics = metrics;
        this.denyList = denyList;
        this.clock = clock;
    }

    /** A user id and the new (raw) refresh token that replaces the presented one. */
    public record Rotation(UUID userId, String refreshToken) {

        @Override
        public String toString() {
            return "Rotation[" + userId + "]";
        }
    }

    /**
     * Starts a new family for a fresh login and returns its first token (raw; only its hash is kept),
     * recording the access token issued with it.
     */
    @Transactional
    public String startFamily(UUID userId, AccessTokenRef accessToken) {
        return issue(userId, UUID.randomUUID(), clock.instant(), accessToken);
    }

    /**
     * Spends {@code raw} and returns its successor, issued together with {@code nextAccessToken}; the access
     * token issued with {@code raw} is revoked. Commits the family's revocation even though it answers reuse
     * with a 401.
     */
    @Transactional(noRollbackFor = RefreshTokenReusedException.class)
    public Rotation rotate(String raw, AccessTokenRef nextAccessToken) {
        Instant now = clock.instant();
        RefreshToken token = tokens.findByHashForUpdate(hash(raw)).orElseThrow(() -> {
            metrics.tokenRefresh("invalid");
            return invalid();
        });
        if (token.isSpent()) {
            denyList.revokeAfterCommit(tokens.liveAccessTokensOfFamily(token.getFamilyId(), now));
            int revoked = tokens.revokeFamily(token.getFamilyId(), now);
            metrics.tokenRefresh("reuse");
            log.warn("Spent refresh token presented again for user {}: family {} revoked ({} tokens)",
                    token.getUserId(), token.getFamilyId(), revoked);
            throw new RefreshTokenReusedException();
        }
        if (token.isExpired(now)) {
            metrics.tokenRefresh("invalid");
            throw invalid();
        }
        token.markRotated(now);
        token.accessToken().ifPresent(previous -> denyList.revokeAfterCommit(List.of(previous)));
        String next = issue(token.getUserId(), token.getFamilyId(), now, nextAccessToken);
        metrics.tokenRefresh("success");
        return new Rotation(token.getUserId(), next);
    }

    /**
     * Logout: the family of this token ends, and with it the access tokens issued in it. Unknown tokens are
     * ignored (logout is idempotent; a repeated logout writes the deny list again).
     */
    @Transactional
    public void revokeFamilyOf(String raw) {
        Instant now = clock.instant();
        tokens.findByTokenHash(hash(raw)).ifPresent(token -> {
            denyList.revokeAfterCommit(tokens.liveAccessTokensOfFamily(token.getFamilyId(), now));
            tokens.revokeFamily(token.getFamilyId(), now);
        });
    }

    /** Every session of the user ends: all refresh tokens, and every access token issued with one. */
    @Transactional
    public void revokeAllForUser(UUID userId) {
        Instant now = clock.instant();
        denyList.revokeAfterCommit(tokens.liveAccessTokensOfUser(userId, now));
        tokens.revokeAllOfUser(userId, now);
    }

    /** Expired tokens are useless a day after they expire; one instance deletes them hourly. */
    @Scheduled(cron = "${smartlink.users.tokens.cleanup-cron:0 17 * * * *}")
    @SchedulerLock(name = "user-service.refresh-token-cleanup", lockAtMostFor = "10m")
    @Transactional
    public void deleteExpired() {
        int deleted = tokens.deleteExpiredBefore(clock.instant().minus(Duration.ofDays(1)));
        if (deleted > 0) {
            log.info("Deleted {} expired refresh tokens", deleted);
        }
    }

    private String issue(UUID userId, UUID familyId, Instant now, AccessTokenRef accessToken) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String raw = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.save(new RefreshToken(userId, familyId, hash(raw), now, now.plus(properties.refreshTokenTtl()),
                accessToken));
        return raw;
    }

    static String hash(String raw) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static ApiException invalid() {
        return new ApiException(HttpStatus.UNAUTHORIZED, ProblemTypes.of("invalid-refresh-token"),
                "The refresh token is not valid.");
    }

    /** 401, after the family has been revoked. */
    static class RefreshTokenReusedException extends ApiException {

        RefreshTokenReusedException() {
            super(HttpStatus.UNAUTHORIZED, ProblemTypes.of("invalid-refresh-token"), "The refresh token is not valid.");
        }
    }
}
