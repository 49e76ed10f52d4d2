package com.smartlinkauto.servicedefaults.events;

import com.smartlinkauto.contracts.events.EventEnvelope;

/**
 * Applies one event, its payload already read into its record. Runs inside the consumer's transaction
 * (where the service has a transaction manager), after the de-duplication mark: throw to roll both back
 * and have the record retried (an {@link IllegalArgumentException} parks it on the dead-letter topic at
 * once).
 *
 * @param <T> the payload record
 */
@FunctionalInterface
public interface EventHandler<T> {

    void handle(EventEnvelope<T> event);
}
