package com.smartlinkauto.booking.hold;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.smartlinkauto.booking.config.BookingProperties;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The Redis lock per vehicle ({@code booking:vehicle:<id>}, a Redisson {@link RLock}): a hold waits for it at most
 * {@code smartlink.bookings.lock.wait-time}, then gives up with 423, so a crowd on one car costs Redis round trips, not
 * database work. It only sheds load: the exclusion constraint decides, with the lock off or Redis down too (then
 * the hold goes on without it). Taken after vehicle-service was read and released right after the transaction, so it
 * is never held across a remote call; the lease frees it should its holder die. Redisson's lock belongs to the
 * thread that took it, so a hold can never release another one's lock.
 */
@Component
class VehicleLocks {

    private static final Logger log = LoggerFactory.getLogger(VehicleLocks.class);

    /** A taken lock (or none, when locking is off or Redis is down): close it once. */
    interface Held extends AutoCloseable {

        @Override
        void close();
    }

    private static final Held NONE = () -> {
    };

    private final RedissonClient redisson;
    private final RedisGuard redis;
    private final BookingProperties.Lock config;
    private final Counter unavailable;

    VehicleLocks(RedissonClient redisson, RedisGuard redis, BookingProperties properties, MeterRegistry meters) {
        this.redisson = redisson;
        this.redis = redis;
        this.config = properties.lock();
        this.unavailable = Counter.builder("smartlink.bookings.lock.unavailable")
                .description("Holds that went on without the vehicle lock because Redis could not be asked")
                .register(meters);
    }

    /** The lock, or empty when another hold of the vehicle has it (answer 423). */
    Optional<Held> tryLock(UUID vehicleId) {
        if (!config.enabled()) {
            return Optional.of(NONE);
        }
        RLock lock = redisson.getLock("booking:vehicle:" + vehicleId);
        try {
            boolean taken = redis.call(() -> {
                try {
                    return lock.tryLock(config.waitTime().toMillis(), config.lease().toMillis(), TimeUnit.MILLISECONDS);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
            if (!taken) {
                return Optional.empty();
            }
        }
        catch (RedisGuard.Unavailable ex) {
            unavailable.increment();
            if (!ex.breakerOpen()) {
                log.warn("Redis cannot lock vehicle {}; the hold goes on without the lock (the database decides): {}",
                        vehicleId, ex.getMessage());
            }
            return Optional.of(NONE);
        }
        return Optional.of(() -> release(lock, vehicleId));
    }

    private static void release(RLock lock, UUID vehicleId) {
        try {
            lock.unlock();
        }
        catch (IllegalMonitorStateException ex) {
            // the lease ran out before the transaction ended: the lock is no longer ours and stays untouched
            log.warn("The lock of vehicle {} expired before its hold finished (raise smartlink.bookings.lock.lease)",
                    vehicleId);
        }
        catch (RuntimeException ex) {
            log.warn("Could not release the lock of vehicle {} (its lease frees it): {}", vehicleId, ex.toString());
        }
    }
}
