package com.smartlinkauto.payment.shared;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;

/** The problem types of payment-service (stable URIs clients may switch on; never rename one that shipped). */
public final class PaymentProblems {

    /** 409: the booking is not HELD (confirmed, cancelled, expired, completed): there is nothing to pay. */
    public static final URI BOOKING_NOT_PAYABLE = ProblemTypes.of("booking-not-payable");
    /** 409: the booking is HELD but its hold has run out (the sweeper expires it within seconds). */
    public static final URI HOLD_EXPIRED = ProblemTypes.of("hold-expired");
    /** 503: booking-service cannot be asked right now; nothing was written. */
    public static final URI BOOKING_SERVICE_UNAVAILABLE = ProblemTypes.of("booking-service-unavailable");
    /** 502: the payment provider refused or did not answer; nothing was written. */
    public static final URI PROVIDER_UNAVAILABLE = ProblemTypes.of("payment-provider-unavailable");
    /** 400: the webhook's signature is missing, forged or too old, or its body is not a provider event. */
    public static final URI INVALID_WEBHOOK = ProblemTypes.of("invalid-webhook");
    /** 500: the webhook's change could not be stored; nothing was applied (the provider sends it again). */
    public static final URI WEBHOOK_NOT_STORED = ProblemTypes.of("webhook-not-stored");

    private PaymentProblems() {
    }

    /** 404 for a booking that does not exist or that the caller may not see (not revealed either way). */
    public static ApiException bookingNotFound(UUID id) {
        return new ApiException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Booking " + id + " not found",
                Map.of("bookingId", id.toString()));
    }

    public static ApiException notPayable(UUID bookingId, String status) {
        return new ApiException(HttpStatus.CONFLICT, BOOKING_NOT_PAYABLE,
                "A " + status + " booking cannot be paid; only a HELD one can.",
                Map.of("bookingId", bookingId.toString(), "bookingStatus", status));
    }

    public static ApiException holdExpired(UUID bookingId, Instant expiredAt) {
        return new ApiException(HttpStatus.CONFLICT, HOLD_EXPIRED,
                "The hold of booking " + bookingId + " ran out at " + expiredAt + "; hold the vehicle again.",
                Map.of("bookingId", bookingId.toString(), "holdExpiresAt", expiredAt.toString()));
    }

    public static RetryLaterException bookingServiceUnavailable(Duration retryAfter) {
        return new RetryLaterException(HttpStatus.SERVICE_UNAVAILABLE, BOOKING_SERVICE_UNAVAILABLE,
                "Bookings cannot be read right now; nothing was charged or stored. Try again shortly.", retryAfter,
                Map.of());
    }

    public static RetryLaterException providerUnavailable(Duration retryAfter) {
        return new RetryLaterException(HttpStatus.BAD_GATEWAY, PROVIDER_UNAVAILABLE,
                "The payment provider did not accept the checkout right now; nothing was stored. Try again shortly.",
                retryAfter, Map.of());
    }

    public static ApiException invalidWebhook(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, INVALID_WEBHOOK, detail);
    }

    public static ApiException webhookNotStored() {
        return new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, WEBHOOK_NOT_STORED,
                "The event could not be stored; nothing was applied. Send it again.");
    }
}
