package com.smartlinkauto.user.token;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** One refresh token of a family; only the SHA-256 of the token is kept. */
@Entity
@Table(name = "refresh_tokens")
class RefreshToken {

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "family_id", nullable = false)
    private UUID familyId;

    @Column(name = "token_hash", nullable = false, length = 64)
    private String tokenHash;

    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "rotated_at")
    private Instant rotatedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    /** The jti of the access token issued together with this refresh token. */
    @Column(name = "access_token_id", length = 64)
    private String accessTokenId;

    @Column(name = "access_token_expires_at")
    private Instant accessTokenExpiresAt;

    @Version
    private Long version;

    protected RefreshToken() {
    }

    RefreshToken(UUID userId, UUID familyId, String tokenHash, Instant issuedAt, Instant expiresAt,
            AccessTokenRef accessToken) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.familyId = familyId;
        this.tokenHash = tokenHash;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
        this.accessTokenId = accessToken.id();
        this.accessTokenExpiresAt = accessToken.expiresAt();
    }

    /** The access token issued with this one, if it was recorded (rows older than V6 have none). */
    java.util.Optional<AccessTokenRef> accessToken() {
        return accessTokenId == null ? java.util.Optional.empty()
                : java.util.Optional.of(new AccessTokenRef(accessTokenId, accessTokenExpiresAt));
    }

    /** Spent: rotated into a newer token, or revoked. Presenting it again is reuse. */
    boolean isSpent() {
        return rotatedAt != null || revokedAt != null;
    }

    boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    void markRotated(Instant now) {
        this.rotatedAt = now;
    }

    UUID getUserId() {
        return userId;
    }

    UUID getFamilyId() {
        return familyId;
    }
}
