package com.smartlinkauto.booking.sweeper;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.smartlinkauto.booking.bookings.Booking;
import com.smartlinkauto.booking.bookings.BookingEvents;
import com.smartlinkauto.booking.bookings.BookingStore;
import com.smartlinkauto.booking.config.BookingProperties;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * HELD past {@code hold_expires_at} → EXPIRED, CONFIRMED past {@code return_at} → COMPLETED, in batches, each batch
 * one transaction with its events (the outbox). One runner across replicas ({@code booking-sweeper} in the
 * {@code shedlock} table); rows are taken {@code FOR UPDATE SKIP LOCKED}, so a hold that expires its vehicle's lapsed
 * holds at the same moment is not waited for. Every {@code smartlink.bookings.sweeper.interval} (≤ 15 s).
 */
@Component
class BookingSweeper {

    private static final Logger log = LoggerFactory.getLogger(BookingSweeper.class);
    /** Batches per run at most, so that one run ends (the next one continues). */
    private static final int MAX_BATCHES = 20;

    private final BookingStore store;
    private final BookingEvents events;
    private final TransactionTemplate tx;
    private final BookingProperties properties;
    private final Clock clock;

    BookingSweeper(BookingStore store, BookingEvents events, TransactionTemplate tx, BookingProperties properties,
            Clock clock) {
        this.store = store;
        this.events = events;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${smartlink.bookings.sweeper.interval:5s}", initialDelayString = "2s")
    @SchedulerLock(name = "booking-sweeper", lockAtMostFor = "2m")
    public void sweep() {
        int batch = properties.sweeper().batchSize();
        int expired = run(now -> store.expireLapsedHolds(now, batch), batch);
        int completed = run(now -> store.completeReturned(now, batch), batch);
        if (expired + completed > 0) {
            log.info("Sweeper: {} holds expired, {} bookings completed", expired, completed);
        }
    }

    private int run(Function<Instant, List<Booking>> change, int batch) {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            Integer changed = tx.execute(status -> {
                List<Booking> bookings = change.apply(clock.instant().truncatedTo(ChronoUnit.MICROS));
                bookings.forEach(events::changed);
                return bookings.size();
            });
            total += changed == null ? 0 : changed;
            if (changed == null || changed < batch) {
                break;
            }
        }
        return total;
    }
}
