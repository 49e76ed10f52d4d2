package com.smartlinkauto.user.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Runs a request record's own rules that need more than one field (a password judged against the
 * email, a reason required for one status) and reports each problem on the field it belongs to, so
 * the client sees them in the same {@code errors} list as every other validation error.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CrossFieldChecks.Validator.class)
public @interface CrossFieldChecks {

    String message() default "is invalid";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Implemented by the annotated record. */
    interface Checked {

        /** Problems as (field, message); empty when the record is fine. */
        List<FieldProblem> crossFieldProblems();
    }

    record FieldProblem(String field, String message) {
    }

    class Validator implements ConstraintValidator<CrossFieldChecks, Checked> {

        @Override
        public boolean isValid(Checked value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            List<FieldProblem> problems = value.crossFieldProblems();
            if (problems.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            for (FieldProblem problem : problems) {
                // messages are our own constants; escape anything a template would interpret
                String message = problem.message().replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")
                        .replace("$", "\\$");
                context.buildConstraintViolationWithTemplate(message).addPropertyNode(problem.field())
                        .addConstraintViolation();
            }
            return false;
        }
    }
}
