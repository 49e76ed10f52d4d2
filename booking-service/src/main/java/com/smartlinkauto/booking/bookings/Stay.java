package com.smartlinkauto.booking.bookings;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

import com.smartlinkauto.booking.config.BookingProperties;
import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;

/**
 * A requested rental {@code [pickupAt, returnAt)} that follows the rules: both on a whole minute, the pickup at least
 * {@code min-lead-time} (1 h) from now and at most {@code max-ahead} (730 days), the return after the pickup and at
 * most {@code max-duration} (90 days) after it. Charged per started 24 hours.
 */
public record Stay(Instant pickupAt, Instant returnAt) {

    private static final Duration DAY = Duration.ofDays(1);

    /**
     * The stay, or a 400 {@code validation} problem naming every field that breaks a rule (the parameter names
     * {@code pickupAt} / {@code returnAt}, as in the request).
     */
    public static Stay of(Instant pickupAt, Instant returnAt, BookingProperties.Rules rules, Instant now) {
        List<Map<String, String>> errors = new ArrayList<>();
        if (pickupAt == null) {
            errors.add(error("pickupAt", "must not be null"));
        }
        if (returnAt == null) {
            errors.add(error("returnAt", "must not be null"));
        }
        if (pickupAt != null) {
            if (!onWholeMinute(pickupAt)) {
                errors.add(error("pickupAt", "must be on a whole minute (no seconds)"));
            }
            if (pickupAt.isBefore(now)) {
                errors.add(error("pickupAt", "must not be in the past"));
            }
            else if (pickupAt.isBefore(now.plus(rules.minLeadTime()))) {
                errors.add(error("pickupAt", "must be at least " + describe(rules.minLeadTime()) + " from now"));
            }
            if (pickupAt.isAfter(now.plus(rules.maxAhead()))) {
                errors.add(error("pickupAt", "must be at most " + describe(rules.maxAhead()) + " from now"));
            }
        }
        if (returnAt != null) {
            if (!onWholeMinute(returnAt)) {
                errors.add(error("returnAt", "must be on a whole minute (no seconds)"));
            }
            if (pickupAt != null) {
                if (!returnAt.isAfter(pickupAt)) {
                    errors.add(error("returnAt", "must be after pickupAt"));
                }
                else if (Duration.between(pickupAt, returnAt).compareTo(rules.maxDuration()) > 0) {
                    errors.add(error("returnAt", "must be at most " + describe(rules.maxDuration()) + " after pickupAt"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The requested dates are not valid.",
                    Map.of("errors", errors));
        }
        return new Stay(pickupAt, returnAt);
    }

    /** Days charged: every started 24 hours (25 h = 2 days). */
    public int days() {
        long minutes = Duration.between(pickupAt, returnAt).toMinutes();
        return (int) ((minutes + DAY.toMinutes() - 1) / DAY.toMinutes());
    }

    /** The end of the interval the vehicle is blocked for: the return plus the turnaround. */
    public Instant blockedUntil(int turnaroundMinutes) {
        return returnAt.plus(Duration.ofMinutes(turnaroundMinutes));
    }

    static boolean onWholeMinute(Instant instant) {
        return instant.getNano() == 0 && Math.floorMod(instant.getEpochSecond(), 60) == 0;
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }

    /** 1 h, 90 days, 30 min: how a rule's bound reads in a message. */
    static String describe(Duration duration) {
        if (duration.toDaysPart() > 0 && duration.toHoursPart() == 0 && duration.toMinutesPart() == 0) {
            return duration.toDays() + (duration.toDays() == 1 ? " day" : " days");
        }
        if (duration.toMinutesPart() == 0 && duration.toSecondsPart() == 0) {
            return duration.toHours() + " h";
        }
        return duration.toMinutes() + " min";
    }
}
