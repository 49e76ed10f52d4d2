package com.smartlinkauto.servicedefaults.validation;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Bounds for inputs a service parses by hand (query parameters read into a search, form fields of a
 * streamed upload): each returns the checked value or throws {@link InvalidInputException} (400) naming
 * the field. The same rules as {@link CleanText} and {@link SaneInstant}.
 */
public final class InputChecks {

    private InputChecks() {
    }

    /** Single-line clean text of at most {@code max} characters; null stays null. */
    public static String text(String field, String value, int max) {
        return text(field, value, max, false);
    }

    /** As {@link #text(String, String, int)}, also measured lower-cased (the service lower-cases it). */
    public static String text(String field, String value, int max, boolean lowerCased) {
        TextRules.problem(value, max, false, lowerCased).ifPresent(problem -> {
            throw new InvalidInputException(field, problem);
        });
        return value;
    }

    /** An ISO-8601 date-time with an offset ({@code 2026-12-01T10:00:00Z}) inside {@code window}; blank is null. */
    public static Instant parseInstant(String field, String value, InstantWindow window) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 64) {
            throw new InvalidInputException(field, "must be an ISO-8601 date-time with an offset, e.g. 2026-12-01T10:00:00Z");
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.strip()).toInstant();
        }
        catch (DateTimeException ex) {
            throw new InvalidInputException(field, "must be an ISO-8601 date-time with an offset, e.g. 2026-12-01T10:00:00Z");
        }
        return instant(field, instant, window);
    }

    /** The instant if it lies in {@code window}; null stays null. */
    public static Instant instant(String field, Instant value, InstantWindow window) {
        if (value != null && !window.contains(value)) {
            throw new InvalidInputException(field, window.describe());
        }
        return value;
    }

    /**
     * The decimal if it has at most {@code integerDigits} digits before the point and {@code fractionDigits}
     * after it (trailing zeros do not count). Judged from precision and scale alone: {@code 1e999999999} is
     * refused without its billion digits ever being written out.
     */
    public static BigDecimal decimal(String field, BigDecimal value, int integerDigits, int fractionDigits) {
        if (value == null) {
            return null;
        }
        long integerPart = (long) value.precision() - value.scale();
        if (integerPart > integerDigits) {
            throw new InvalidInputException(field, "must have at most " + integerDigits + " digits before the decimal point");
        }
        if (value.scale() > fractionDigits) {
            // only now, with the integer part bounded: the unscaled value's trailing zeros are few
            BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
            if (stripped.scale() > fractionDigits) {
                throw new InvalidInputException(field, "must have at most " + fractionDigits + " decimal places");
            }
        }
        return value;
    }

    /** The number if it lies in {@code [min, max]}; null stays null. */
    public static Integer integer(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw new InvalidInputException(field, "must be between " + min + " and " + max);
        }
        return value;
    }
}
