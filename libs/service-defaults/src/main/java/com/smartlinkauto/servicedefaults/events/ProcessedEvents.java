package com.smartlinkauto.servicedefaults.events;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * De-duplication for idempotent consumers (docs/architecture.md, Events): the service's
 * {@code processed_events} table {@code (consumer, event_id, processed_at)}, primary key
 * {@code (consumer, event_id)}. Call {@link #firstDelivery} inside the transaction that applies the event:
 * the mark and the effects commit together, and a redelivered event is skipped. {@link EventConsumers}
 * does this for every consumer that does not opt out.
 */
public class ProcessedEvents {

    private static final Logger log = LoggerFactory.getLogger(ProcessedEvents.class);

    private final JdbcTemplate jdbc;

    public ProcessedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Marks the event handled by {@code consumer}; false when it already was (then do nothing). */
    public boolean firstDelivery(String consumer, UUID eventId) {
        int fresh = jdbc.update("insert into processed_events (consumer, event_id, processed_at) "
                + "values (?, ?, now()) on conflict do nothing", consumer, eventId);
        if (fresh == 0) {
            log.debug("Event {} already handled by {}", eventId, consumer);
        }
        return fresh == 1;
    }
}
