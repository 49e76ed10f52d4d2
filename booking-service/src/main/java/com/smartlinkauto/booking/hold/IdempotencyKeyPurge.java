package com.smartlinkauto.booking.hold;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.smartlinkauto.booking.config.BookingProperties;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/** Deletes idempotency keys older than {@code smartlink.bookings.idempotency.retention} (24 h), on one instance. */
@Component
class IdempotencyKeyPurge {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyPurge.class);

    private final IdempotencyKeys keys;
    private final BookingProperties properties;
    private final Clock clock;

    IdempotencyKeyPurge(IdempotencyKeys keys, BookingProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${smartlink.bookings.idempotency.purge-interval:10m}", initialDelayString = "1m")
    @SchedulerLock(name = "idempotency-key-purge", lockAtMostFor = "5m")
    public void purge() {
        int purged = keys.purgeBefore(clock.instant().minus(properties.idempotency().retention()));
        if (purged > 0) {
            log.info("Purged {} idempotency keys older than {}", purged, properties.idempotency().retention());
        }
    }
}
