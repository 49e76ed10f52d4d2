package com.smartlinkauto.contracts.events;

import java.util.List;

/**
 * Kafka topic names (docs/architecture.md, Events). Events are keyed by aggregate id so that one aggregate's
 * events stay ordered; poison messages are parked on {@code <topic>.DLT}.
 */
public final class Topics {

    public static final String USER_EVENTS = "user.events";
    public static final String VEHICLE_EVENTS = "vehicle.events";
    public static final String BOOKING_EVENTS = "booking.events";
    public static final String PAYMENT_EVENTS = "payment.events";
    public static final String STORAGE_EVENTS = "storage.events";

    /** Suffix of the dead-letter topic that belongs to every topic. */
    public static final String DLT_SUFFIX = ".DLT";

    public static final List<String> ALL =
            List.of(USER_EVENTS, VEHICLE_EVENTS, BOOKING_EVENTS, PAYMENT_EVENTS, STORAGE_EVENTS);

    private Topics() {
    }

    public static String deadLetter(String topic) {
        if (!ALL.contains(topic)) {
            throw new IllegalArgumentException("Unknown topic: " + topic);
        }
        return topic + DLT_SUFFIX;
    }
}
