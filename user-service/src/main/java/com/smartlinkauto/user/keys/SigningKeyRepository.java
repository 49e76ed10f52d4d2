package com.smartlinkauto.user.keys;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface SigningKeyRepository extends JpaRepository<SigningKey, String> {

    @Query("select k from SigningKey k where k.retiredAt is null")
    Optional<SigningKey> findActive();

    /** The active key and the retired ones whose tokens may still be valid. */
    @Query("select k from SigningKey k where k.retiredAt is null or k.retiredAt > :cutoff order by k.createdAt desc")
    List<SigningKey> findPublishable(@Param("cutoff") Instant cutoff);
}
