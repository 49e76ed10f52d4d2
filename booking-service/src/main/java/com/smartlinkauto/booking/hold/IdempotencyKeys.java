package com.smartlinkauto.booking.hold;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code idempotency_keys}: per renter and key, the hash of the request it was first used with, the booking it made
 * and the exact answer (status and body bytes) to replay.
 */
@Repository
class IdempotencyKeys {

    /** A key's stored outcome. */
    record Stored(String requestHash, UUID bookingId, int status, byte[] body) {
    }

    private final JdbcClient jdbc;

    IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Stored> find(UUID renterId, String key) {
        return jdbc.sql("select request_hash, booking_id, response_status, response_body from idempotency_keys "
                + "where renter_id = ? and idempotency_key = ?")
                .params(renterId, key)
                .query((rs, n) -> new Stored(rs.getString(1), rs.getObject(2, UUID.class), rs.getInt(3), rs.getBytes(4)))
                .optional();
    }

    /**
     * A transaction-scoped advisory lock on (renter, key), without waiting: false when another transaction holds it,
     * i.e. the same key is being decided right now (the in-flight check that needs no Redis).
     */
    boolean tryLock(UUID renterId, String key) {
        return Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(hashtextextended(:k, 0))")
                .param("k", renterId + ":" + key).query(Boolean.class).single());
    }

    /** Stores the key in the caller's transaction (the one that inserted the booking). */
    void insert(UUID renterId, String key, String requestHash, UUID bookingId, int status, byte[] body, Instant now) {
        jdbc.sql("insert into idempotency_keys (renter_id, idempotency_key, request_hash, booking_id, response_status, "
                + "response_body, created_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(renterId, key, requestHash, bookingId, status, body, now.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** Deletes keys stored before {@code cutoff}; returns how many. */
    int purgeBefore(Instant cutoff) {
        return jdbc.sql("delete from idempotency_keys where created_at < ?").param(cutoff.atOffset(ZoneOffset.UTC))
                .update();
    }
}
