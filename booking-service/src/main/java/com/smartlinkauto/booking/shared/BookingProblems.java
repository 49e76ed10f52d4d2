package com.smartlinkauto.booking.shared;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;

/** The problem types of booking-service (stable URIs clients may switch on; never rename one that shipped). */
public final class BookingProblems {

    /** 409: the vehicle is held or booked for part of the requested interval (turnaround included). */
    public static final URI BOOKING_CONFLICT = ProblemTypes.of("booking-conflict");
    /** 409: the vehicle is not bookable (not active, or its partner not verified). */
    public static final URI VEHICLE_NOT_BOOKABLE = ProblemTypes.of("vehicle-not-bookable");
    /** 409: the partner blocked the vehicle out for part of the interval. */
    public static final URI VEHICLE_BLACKED_OUT = ProblemTypes.of("vehicle-blacked-out");
    /** 403: a partner cannot book their own vehicle. */
    public static final URI OWN_VEHICLE = ProblemTypes.of("own-vehicle");
    /** 423: another hold for this vehicle is being decided right now; retry after {@code Retry-After}. */
    public static final URI VEHICLE_LOCKED = ProblemTypes.of("vehicle-locked");
    /** 422: the Idempotency-Key was used before with another request body. */
    public static final URI IDEMPOTENCY_KEY_REUSED = ProblemTypes.of("idempotency-key-reused");
    /** 409: a request with this Idempotency-Key is still being processed. */
    public static final URI IDEMPOTENCY_KEY_IN_FLIGHT = ProblemTypes.of("idempotency-key-in-flight");
    /** 503: vehicle-service cannot be asked right now; nothing was written. */
    public static final URI VEHICLE_SERVICE_UNAVAILABLE = ProblemTypes.of("vehicle-service-unavailable");
    /** 409: the booking is not in a state that allows this change. */
    public static final URI ILLEGAL_TRANSITION = ProblemTypes.of("illegal-booking-transition");

    private BookingProblems() {
    }

    /** 404 for a booking that does not exist or that the caller may not see (not revealed either way). */
    public static ApiException bookingNotFound(UUID id) {
        return new ApiException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Booking " + id + " not found",
                Map.of("bookingId", id.toString()));
    }

    public static ApiException vehicleNotFound(UUID id) {
        return new ApiException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Vehicle " + id + " not found",
                Map.of("vehicleId", id.toString()));
    }

    public static ApiException notBookable(UUID vehicleId) {
        return new ApiException(HttpStatus.CONFLICT, VEHICLE_NOT_BOOKABLE,
                "Vehicle " + vehicleId + " cannot be booked right now.", Map.of("vehicleId", vehicleId.toString()));
    }

    public static ApiException blackedOut(UUID vehicleId, Instant from, Instant to) {
        return new ApiException(HttpStatus.CONFLICT, VEHICLE_BLACKED_OUT, "The partner has blocked vehicle " + vehicleId
                + " from " + from + " to " + to + ", which overlaps the requested dates.",
                Map.of("vehicleId", vehicleId.toString(), "blockedFrom", from.toString(), "blockedTo", to.toString()));
    }

    public static ApiException ownVehicle(UUID vehicleId) {
        return new ApiException(HttpStatus.FORBIDDEN, OWN_VEHICLE, "Partners cannot book their own vehicle.",
                Map.of("vehicleId", vehicleId.toString()));
    }

    /**
     * The slot is taken. {@code busyFrom}/{@code busyTo}: the interval (turnaround included) of a booking in the
     * way, when it is known; never whose it is.
     */
    public static ApiException conflict(UUID vehicleId, Instant pickupAt, Instant returnAt, Instant busyFrom,
            Instant busyTo) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("vehicleId", vehicleId.toString());
        String detail = "Vehicle " + vehicleId + " is already held or booked for part of " + pickupAt + " – " + returnAt
                + " (its turnaround after each rental included).";
        if (busyFrom != null && busyTo != null) {
            properties.put("busyFrom", busyFrom.toString());
            properties.put("busyTo", busyTo.toString());
            detail = "Vehicle " + vehicleId + " is held or booked from " + busyFrom + " to " + busyTo
                    + " (turnaround included), which overlaps " + pickupAt + " – " + returnAt + ".";
        }
        return new ApiException(HttpStatus.CONFLICT, BOOKING_CONFLICT, detail, properties);
    }

    public static RetryLaterException vehicleLocked(UUID vehicleId, Duration retryAfter) {
        return new RetryLaterException(HttpStatus.LOCKED, VEHICLE_LOCKED,
                "Another booking of vehicle " + vehicleId + " is being decided right now. Try again shortly.",
                retryAfter, Map.of("vehicleId", vehicleId.toString()));
    }

    public static RetryLaterException vehicleServiceUnavailable(Duration retryAfter) {
        return new RetryLaterException(HttpStatus.SERVICE_UNAVAILABLE, VEHICLE_SERVICE_UNAVAILABLE,
                "The vehicle catalogue cannot be reached right now; nothing was booked. Try again shortly.", retryAfter,
                Map.of());
    }

    public static ApiException keyReused() {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key was already used with a different request. Use a new key for a new request.");
    }

    public static ApiException keyInFlight() {
        return new ApiException(HttpStatus.CONFLICT, IDEMPOTENCY_KEY_IN_FLIGHT,
                "A request with this Idempotency-Key is still being processed. Retry it once that one has finished.");
    }

    public static ApiException illegalTransition(UUID bookingId, String from, String action) {
        return new ApiException(HttpStatus.CONFLICT, ILLEGAL_TRANSITION,
                "A " + from + " booking cannot be " + action + ".",
                Map.of("bookingId", bookingId.toString(), "bookingStatus", from));
    }
}
