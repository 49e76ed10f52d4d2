package com.smartlinkauto.booking.hold;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.smartlinkauto.booking.config.BookingProperties;

/**
 * Which idempotency keys are being processed right now, on any instance: a Redis key
 * {@code booking:idem:<renter>:<sha-256 of the key>} set if absent for the request's duration (expiring by itself
 * after {@code in-flight-ttl} should the instance die), deleted only by the request that set it. Without Redis the
 * answer is {@link Mark#UNKNOWN} and the database's advisory lock and key row decide alone.
 */
@Component
class InFlightKeys {

    private static final Logger log = LoggerFactory.getLogger(InFlightKeys.class);

    /** The outcome of {@link #begin}: ours, someone else's, or Redis could not tell. */
    enum Mark {
        OURS, TAKEN, UNKNOWN
    }

    /** A begun request: {@link #end()} it in a finally block. */
    final class Flight {

        private final RBucket<String> bucket;
        private final String token;
        private final Mark mark;

        private Flight(RBucket<String> bucket, String token, Mark mark) {
            this.bucket = bucket;
            this.token = token;
            this.mark = mark;
        }

        Mark mark() {
            return mark;
        }

        void end() {
            if (mark != Mark.OURS) {
                return;
            }
            try {
                bucket.compareAndSet(token, null);
            }
            catch (RuntimeException ex) {
                log.warn("Could not clear the in-flight mark of an idempotency key (it expires by itself): {}",
                        ex.toString());
            }
        }
    }

    private final RedissonClient redisson;
    private final RedisGuard redis;
    private final Duration ttl;

    InFlightKeys(RedissonClient redisson, RedisGuard redis, BookingProperties properties) {
        this.redisson = redisson;
        this.redis = redis;
        this.ttl = properties.idempotency().inFlightTtl();
    }

    Flight begin(UUID renterId, String key) {
        RBucket<String> bucket = redisson.getBucket("booking:idem:" + renterId + ":" + sha256(key),
                StringCodec.INSTANCE);
        String token = UUID.randomUUID().toString();
        try {
            return new Flight(bucket, token, redis.call(() -> bucket.setIfAbsent(token, ttl)) ? Mark.OURS : Mark.TAKEN);
        }
        catch (RedisGuard.Unavailable ex) {
            if (!ex.breakerOpen()) {
                log.warn("Redis cannot mark an idempotency key in flight; the database alone decides: {}",
                        ex.getMessage());
            }
            return new Flight(bucket, token, Mark.UNKNOWN);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
