package com.smartlinkauto.user.token;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import jakarta.persistence.LockModeType;

interface RefreshTokenRepository extends JpaRepository<RefreshToken, UUID> {

    /** Row-locked: two concurrent uses of one token are serialised, and the second sees it spent. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from RefreshToken t where t.tokenHash = :hash")
    Optional<RefreshToken> findByHashForUpdate(@Param("hash") String hash);

    Optional<RefreshToken> findByTokenHash(String hash);

    @Modifying
    @Query("update RefreshToken t set t.revokedAt = :now where t.familyId = :family and t.revokedAt is null")
    int revokeFamily(@Param("family") UUID family, @Param("now") Instant now);

    @Modifying
    @Query("update RefreshToken t set t.revokedAt = :now where t.userId = :user and t.revokedAt is null")
    int revokeAllOfUser(@Param("user") UUID user, @Param("now") Instant now);

    /** The access tokens issued with a family's refresh tokens that are still valid at {@code now}. */
    @Query("select new com.smartlinkauto.user.token.AccessTokenRef(t.accessTokenId, t.accessTokenExpiresAt) "
            + "from RefreshToken t where t.familyId = :family and t.accessTokenId is not null "
            + "and t.accessTokenExpiresAt > :now")
    List<AccessTokenRef> liveAccessTokensOfFamily(@Param("family") UUID family, @Param("now") Instant now);

    /** The access tokens issued with any of a user's refresh tokens that are still valid at {@code now}. */
    @Query("select new com.smartlinkauto.user.token.AccessTokenRef(t.accessTokenId, t.accessTokenExpiresAt) "
            + "from RefreshToken t where t.userId = :user and t.accessTokenId is not null "
            + "and t.accessTokenExpiresAt > :now")
    List<AccessTokenRef> liveAccessTokensOfUser(@Param("user") UUID user, @Param("now") Instant now);

    @Modifying
    @Query("delete from RefreshToken t where t.expiresAt < :before")
    int deleteExpiredBefore(@Param("before") Instant before);
}
