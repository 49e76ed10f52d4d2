package com.smartlinkauto.servicedefaults.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A point in time inside the platform's window, {@link InstantWindow#MIN} (1970) inclusive to
 * {@link InstantWindow#MAX} (2200) exclusive unless narrowed here: Java parses year 300000 happily,
 * PostgreSQL's {@code timestamptz} cannot hold it. For {@link Instant}, {@link OffsetDateTime} and
 * {@link ZonedDateTime}; {@code null} is valid.
 */
@Documented
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = SaneInstant.Validator.class)
public @interface SaneInstant {

    /** The earliest accepted instant (ISO-8601), inclusive. */
    String min() default InstantWindow.MIN_TEXT;

    /** The first instant no longer accepted (ISO-8601), exclusive. */
    String max() default InstantWindow.MAX_TEXT;

    String message() default "must be between {min} and {max}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<SaneInstant, TemporalAccessor> {

        private InstantWindow window;

        @Override
        public void initialize(SaneInstant annotation) {
            this.window = new InstantWindow(Instant.parse(annotation.min()), Instant.parse(annotation.max()));
        }

        @Override
        public boolean isValid(TemporalAccessor value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            Instant instant;
            if (value instanceof Instant i) {
                instant = i;
            }
            else if (value instanceof OffsetDateTime o) {
                instant = o.toInstant();
            }
            else if (value instanceof ZonedDateTime z) {
                instant = z.toInstant();
            }
            else {
                instant = Instant.from(value);
            }
            return window.contains(instant);
        }
    }
}
