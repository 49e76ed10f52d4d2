package com.smartlinkauto.vehicle.shared;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;

/** The problem types of vehicle-service (stable URIs clients may switch on). */
public final class VehicleProblems {

    public static final URI DUPLICATE_VEHICLE = ProblemTypes.of("duplicate-vehicle");
    public static final URI ILLEGAL_TRANSITION = ProblemTypes.of("illegal-vehicle-transition");
    public static final URI PARTNER_NOT_ALLOWED = ProblemTypes.of("partner-not-allowed");
    public static final URI HAS_FUTURE_BOOKINGS = ProblemTypes.of("vehicle-has-future-bookings");
    public static final URI BLACKOUT_OVERLAP = ProblemTypes.of("blackout-overlap");
    public static final URI PHOTO_LIMIT = ProblemTypes.of("photo-limit-reached");
    public static final URI UNSUPPORTED_IMAGE = ProblemTypes.of("unsupported-image");
    /** A partner's quota (vehicles while unverified, photos, photo bytes) would be exceeded: 409. */
    public static final URI QUOTA_EXCEEDED = ProblemTypes.of("quota-exceeded");

    private VehicleProblems() {
    }

    /** 404 for a vehicle that does not exist or that the caller may not see (not revealed either way). */
    public static ApiException vehicleNotFound(UUID id) {
        return new ApiException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Vehicle " + id + " not found",
                Map.of("vehicleId", id.toString()));
    }

    /** 409 for a status change the lifecycle does not allow ({@code from} and {@code to}: vehicle statuses). */
    public static ApiException illegalTransition(Enum<?> from, Enum<?> to, String why) {
        return new ApiException(HttpStatus.CONFLICT, ILLEGAL_TRANSITION,
                "A vehicle cannot go from " + from + " to " + to + (why == null ? "." : ": " + why),
                Map.of("from", from.name(), "to", to.name()));
    }
}
