package com.smartlinkauto.booking;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/**
 * The booking engine: quotes, holds that can never double-book (PostgreSQL's exclusion constraint decides;
 * a Redis lock per vehicle only sheds load), idempotent hold requests, expiry, cancellation and confirmation,
 * every change published on {@code booking.events} through the outbox. Each package under this one is a Spring
 * Modulith application module ({@code package-info.java} says what it owns and what it may use);
 * {@code ModulesTest} fails the build on a cycle.
 */
@SpringBootApplication
@Modulithic(systemName = "booking-service", sharedModules = "shared")
@ConfigurationPropertiesScan
public class BookingServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(BookingServiceApplication.class, args);
    }
}
