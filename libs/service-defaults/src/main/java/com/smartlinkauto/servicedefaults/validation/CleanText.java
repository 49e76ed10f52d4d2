package com.smartlinkauto.servicedefaults.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Text a client sent that the service stores, compares or shows again: no control characters, no
 * bidirectional overrides, valid Unicode, and at most {@link #max()} characters in every form it may be
 * stored in (see {@link TextRules}). On request record components, list elements
 * ({@code List<@CleanText(max = 40) String>}), {@code @RequestParam}s, {@code @PathVariable}s and
 * {@code @RequestHeader}s. {@code null} is valid; combine with {@code @NotBlank} where the text is
 * required.
 */
@Documented
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CleanText.Validator.class)
public @interface CleanText {

    /** Most characters (code points) of the text as sent, NFC-normalised and, with {@link #lowerCased()}, lower-cased. */
    int max() default Integer.MAX_VALUE;

    /** Tab, line feed, carriage return and the Unicode line/paragraph separators are allowed (descriptions). */
    boolean multiline() default false;

    /** The service lower-cases the text (a search key, an email): the lower-cased form must fit too. */
    boolean lowerCased() default false;

    String message() default "must be clean text";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<CleanText, CharSequence> {

        private int max;
        private boolean multiline;
        private boolean lowerCased;

        @Override
        public void initialize(CleanText annotation) {
            this.max = annotation.max();
            this.multiline = annotation.multiline();
            this.lowerCased = annotation.lowerCased();
        }

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            Optional<String> problem = TextRules.problem(value.toString(), max, multiline, lowerCased);
            if (problem.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            // our own constant messages: nothing in them is interpreted as a template, and the value is never echoed
            context.buildConstraintViolationWithTemplate(problem.get()).addConstraintViolation();
            return false;
        }
    }
}
