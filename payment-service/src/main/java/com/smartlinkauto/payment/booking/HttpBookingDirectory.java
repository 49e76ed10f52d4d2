package com.smartlinkauto.payment.booking;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.smartlinkauto.payment.shared.Money;
import com.smartlinkauto.payment.shared.PaymentProblems;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@link BookingDirectory} over booking-service's internal API ({@code GET /internal/bookings/{id}}, service token for
 * {@code booking-service}). Calls go through the {@code booking-service} circuit breaker, which counts only failures
 * to get an answer (a 404 is an answer). Closing it closes its HTTP connection pool.
 */
class HttpBookingDirectory implements BookingDirectory, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpBookingDirectory.class);

    private final RestClient rest;
    private final AutoCloseable connections;
    private final CircuitBreaker breaker;
    private final Duration retryAfter;
    private final MeterRegistry meters;

    HttpBookingDirectory(RestClient rest, AutoCloseable connections, CircuitBreaker breaker, Duration retryAfter,
            MeterRegistry meters) {
        this.rest = rest;
        this.connections = connections;
        this.breaker = breaker;
        this.retryAfter = retryAfter;
        this.meters = meters;
    }

    @Override
    public BookingSnapshot get(UUID bookingId) {
        InternalBooking booking;
        try {
            booking = breaker.executeSupplier(() -> fetch(bookingId));
        }
        catch (CallNotPermittedException | Unavailable ex) {
            count("unavailable");
            throw PaymentProblems.bookingServiceUnavailable(retryAfter);
        }
        if (booking == null) {
            count("not_found");
            throw PaymentProblems.bookingNotFound(bookingId);
        }
        count("fetched");
        return snapshot(bookingId, booking);
    }

    private void count(String result) {
        Counter.builder("smartlink.payments.booking.reads").description("Reads of booking-service's internal API")
                .tag("result", result).register(meters).increment();
    }

    /** Closes the connection pool; reads after this fail as unavailable. */
    @Override
    public void close() {
        try {
            connections.close();
        }
        catch (Exception ex) {
            log.debug("Closing booking-service's connection pool failed", ex);
        }
    }

    private InternalBooking fetch(UUID bookingId) {
        try {
            return rest.get().uri("/internal/bookings/{id}", bookingId).accept(MediaType.APPLICATION_JSON)
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        if (status == 404) {
                            return null;
                        }
                        if (status != 200) {
                            throw new Unavailable("booking-service answered " + status + " for booking " + bookingId,
                                    null);
                        }
                        InternalBooking body = response.bodyTo(InternalBooking.class);
                        if (body == null) {
                            throw new Unavailable("booking-service answered 200 without a body", null);
                        }
                        return body;
                    });
        }
        catch (Unavailable ex) {
            throw ex;
        }
        catch (RuntimeException ex) {
            // connection refused, time-out, no instance registered, no service token to be had, unreadable answer
            log.warn("booking-service cannot be read (booking {}): {}", bookingId, ex.toString());
            log.debug("booking-service cannot be read", ex);
            throw new Unavailable(ex.getMessage(), ex);
        }
    }

    /** The answer checked: an incomplete or inconsistent booking counts as no answer (nothing is charged on it). */
    private BookingSnapshot snapshot(UUID bookingId, InternalBooking b) {
        if (b.status() == null || b.renterId() == null || b.currency() == null || !knownCurrency(b.currency())) {
            throw incomplete(bookingId);
        }
        long minor;
        try {
            minor = b.totalMinor() != null ? b.totalMinor() : Money.toMinor(b.total(), b.currency());
            if (b.totalMinor() != null && b.total() != null && Money.toMinor(b.total(), b.currency()) != minor) {
                throw incomplete(bookingId);
            }
        }
        catch (ArithmeticException | NullPointerException ex) {
            throw incomplete(bookingId);
        }
        if (minor <= 0) {
            throw incomplete(bookingId);
        }
        return new BookingSnapshot(bookingId, b.status(), b.vehicleId(), b.renterId(), b.partnerId(), minor,
                b.currency(), b.holdExpiresAt());
    }

    private RuntimeException incomplete(UUID bookingId) {
        log.warn("booking-service answered an incomplete booking {}", bookingId);
        count("unavailable");
        return PaymentProblems.bookingServiceUnavailable(retryAfter);
    }

    private static boolean knownCurrency(String code) {
        try {
            Currency.getInstance(code);
            return true;
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }

    /** booking-service could not be asked; counted by the circuit breaker. */
    static final class Unavailable extends RuntimeException {

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record InternalBooking(UUID id, String status, UUID vehicleId, UUID renterId, UUID partnerId, BigDecimal total,
            Long totalMinor, String currency, Instant holdExpiresAt, String paymentReference) {
    }
}
