package com.smartlinkauto.booking.vehicle;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.github.benmanes.caffeine.cache.Cache;
import com.smartlinkauto.booking.shared.BookingProblems;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@link VehicleCatalog} over vehicle-service's internal API ({@code GET /internal/vehicles/{id}},
 * {@code GET /internal/vehicles/{id}/blackouts} and {@code GET /internal/vehicles?partnerId=…} (a partner's vehicles,
 * for the fleet status), service token for {@code vehicle-service}). Answers are kept until {@code vehicle.events}
 * says the vehicle changed ({@link VehicleEventsEviction}), at most {@code cache-ttl} (one load per vehicle at a time,
 * however many holds ask at once); calls go through the
 * {@code vehicle-service} circuit breaker, which counts only failures to get an answer (a 404 is an answer).
 * Closing it closes its HTTP connection pool (Spring calls {@link #close()} when the context stops).
 */
class HttpVehicleCatalog implements VehicleCatalog, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpVehicleCatalog.class);

    private final RestClient rest;
    private final AutoCloseable connections;
    private final CircuitBreaker breaker;
    private final Cache<UUID, Optional<VehicleSnapshot>> cache;
    private final Duration retryAfter;
    private final Counter fetched;
    private final Counter notFound;
    private final Counter unavailable;

    HttpVehicleCatalog(RestClient rest, AutoCloseable connections, CircuitBreaker breaker,
            Cache<UUID, Optional<VehicleSnapshot>> cache, Duration retryAfter, MeterRegistry meters) {
        this.rest = rest;
        this.connections = connections;
        this.breaker = breaker;
        this.cache = cache;
        this.retryAfter = retryAfter;
        this.fetched = reads(meters, "fetched");
        this.notFound = reads(meters, "not_found");
        this.unavailable = reads(meters, "unavailable");
    }

    private static Counter reads(MeterRegistry meters, String result) {
        return Counter.builder("smartlink.bookings.vehicle.reads")
                .description("Reads of vehicle-service's internal API (not the cache hits)").tag("result", result)
                .register(meters);
    }

    @Override
    public VehicleSnapshot get(UUID vehicleId) {
        Optional<VehicleSnapshot> vehicle;
        try {
            vehicle = cache.get(vehicleId, this::load);
        }
        catch (Unavailable ex) {
            unavailable.increment();
            throw BookingProblems.vehicleServiceUnavailable(retryAfter);
        }
        return vehicle.orElseThrow(() -> BookingProblems.vehicleNotFound(vehicleId));
    }

    @Override
    public void forget(UUID vehicleId) {
        // a load of this vehicle under way finishes first and is then removed with the rest (Caffeine's
        // invalidate waits for an in-flight computation of the key): an answer read before the change is never kept
        cache.invalidate(vehicleId);
    }

    @Override
    public PartnerVehicles partnerVehicles(UUID partnerId, int page, int size) {
        InternalPage answer;
        try {
            answer = breaker.executeSupplier(() -> {
                InternalPage body = call("/internal/vehicles?partnerId={partner}&page={page}&size={size}",
                        InternalPage.class, partnerId, page, size);
                if (body == null || body.items() == null) {
                    // the read is answered for any partner (an unknown one: an empty page); a 404 is a vehicle-service
                    // from before it existed
                    throw new Unavailable("vehicle-service does not list a partner's vehicles (404)", null);
                }
                return body;
            });
        }
        catch (CallNotPermittedException | Unavailable ex) {
            unavailable.increment();
            throw BookingProblems.vehicleServiceUnavailable(retryAfter);
        }
        fetched.increment();
        return new PartnerVehicles(answer.items().stream().map(v -> new PartnerVehicles.Vehicle(v.id(), v.make(),
                v.model(), v.year(), v.licensePlate(), v.city(), v.status(), v.bookable())).toList(),
                answer.totalElements());
    }

    /** Closes the connection pool; reads after this fail as unavailable. */
    @Override
    public void close() {
        try {
            connections.close();
        }
        catch (Exception ex) {
            log.debug("Closing vehicle-service's connection pool failed", ex);
        }
    }

    /** Not cached when it fails; an unknown vehicle is remembered as briefly as a known one. */
    private Optional<VehicleSnapshot> load(UUID vehicleId) {
        try {
            Optional<VehicleSnapshot> vehicle = breaker.executeSupplier(() -> fetch(vehicleId));
            (vehicle.isPresent() ? fetched : notFound).increment();
            return vehicle;
        }
        catch (CallNotPermittedException ex) {
            throw new Unavailable("circuit breaker " + breaker.getName() + " is open", ex);
        }
    }

    private Optional<VehicleSnapshot> fetch(UUID vehicleId) {
        InternalVehicle vehicle = call("/internal/vehicles/{id}", vehicleId, InternalVehicle.class);
        if (vehicle == null) {
            return Optional.empty();
        }
        List<Period> upcoming = vehicle.blackouts();
        if (upcoming == null) {
            // a vehicle-service from before the blackouts were part of the vehicle's read (a rolling update)
            InternalBlackouts blackouts = call("/internal/vehicles/{id}/blackouts", vehicleId, InternalBlackouts.class);
            if (blackouts == null) {
                return Optional.empty();
            }
            upcoming = blackouts.blackouts();
        }
        if (vehicle.partnerId() == null || vehicle.basePricePerDay() == null || vehicle.currency() == null
                || vehicle.basePricePerDay().signum() <= 0 || vehicle.turnaroundMinutes() < 0
                || vehicle.turnaroundMinutes() > 1440) {
            throw new Unavailable("vehicle-service answered an incomplete vehicle " + vehicleId, null);
        }
        List<VehicleSnapshot.Blackout> periods = upcoming == null ? List.of()
                : upcoming.stream().map(b -> new VehicleSnapshot.Blackout(b.from(), b.to())).toList();
        return Optional.of(new VehicleSnapshot(vehicleId, vehicle.partnerId(), vehicle.status(), vehicle.bookable(),
                vehicle.basePricePerDay(), vehicle.currency(), vehicle.turnaroundMinutes(), periods,
                city(vehicle.city())));
    }

    /** The city as listed (vehicle-service keeps at most 80 characters); blank or longer is not trusted: null. */
    static String city(String city) {
        if (city == null || city.isBlank()) {
            return null;
        }
        String trimmed = city.strip();
        return trimmed.length() > 80 ? null : trimmed;
    }

    /** The answer's body, null for a 404; any other outcome is {@link Unavailable}. */
    private <T> T call(String path, UUID vehicleId, Class<T> type) {
        return call(path, type, vehicleId);
    }

    private <T> T call(String path, Class<T> type, Object... variables) {
        try {
            return rest.get().uri(path, variables).accept(MediaType.APPLICATION_JSON).exchange((request, response) -> {
                int status = response.getStatusCode().value();
                if (status == 404) {
                    return null;
                }
                if (status != 200) {
                    if (status == 401 || status == 403) {
                        log.error("vehicle-service refused booking-service's service token ({}): check its grant "
                                + "(config-repo/user-service.yml) and SMARTLINK_SERVICE_SECRET", status);
                    }
                    throw new Unavailable("vehicle-service answered " + status + " for " + path, null);
                }
                T body = response.bodyTo(type);
                if (body == null) {
                    throw new Unavailable("vehicle-service answered 200 without a body for " + path, null);
                }
                return body;
            });
        }
        catch (Unavailable ex) {
            throw ex;
        }
        catch (RuntimeException ex) {
            // connection refused, time-out, no instance registered, no service token to be had, unreadable answer
            log.warn("vehicle-service cannot be read ({} {}): {}", path, Arrays.toString(variables),
                    ex.toString());
            log.debug("vehicle-service cannot be read", ex);
            throw new Unavailable(ex.getMessage(), ex);
        }
    }

    /** vehicle-service could not be asked; counted by the circuit breaker, never cached. */
    static final class Unavailable extends RuntimeException {

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record InternalVehicle(UUID id, UUID partnerId, String status, boolean bookable, BigDecimal basePricePerDay,
            String currency, int turnaroundMinutes, List<Period> blackouts, String city) {
    }

    /** {@code GET /internal/vehicles?partnerId=…}: a page of the partner's vehicles. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record InternalPage(List<InternalFleetVehicle> items, long totalElements) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record InternalFleetVehicle(UUID id, String make, String model, int year, String licensePlate, String city,
            String status, boolean bookable) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record InternalBlackouts(UUID vehicleId, List<Period> blackouts) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Period(Instant from, Instant to) {
    }
}
