package com.smartlinkauto.servicedefaults.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A decimal with at most {@link #integer()} digits before the point and {@link #fraction()} after it
 * (trailing zeros do not count: {@code 49.900} has two), judged from precision and scale alone so that
 * {@code 1e999999999} is refused without being written out (see {@link InputChecks#decimal}). Put it on
 * every {@link BigDecimal} a client sends, before anything formats, scales or converts it. {@code null} is
 * valid.
 */
@Documented
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = BoundedDecimal.Validator.class)
public @interface BoundedDecimal {

    int integer();

    int fraction();

    String message() default "must have at most {integer} digits before the decimal point and {fraction} after it";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<BoundedDecimal, BigDecimal> {

        private int integer;
        private int fraction;

        @Override
        public void initialize(BoundedDecimal annotation) {
            this.integer = annotation.integer();
            this.fraction = annotation.fraction();
        }

        @Override
        public boolean isValid(BigDecimal value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            try {
                InputChecks.decimal("value", value, integer, fraction);
                return true;
            }
            catch (InvalidInputException ex) {
                return false;
            }
        }
    }
}
