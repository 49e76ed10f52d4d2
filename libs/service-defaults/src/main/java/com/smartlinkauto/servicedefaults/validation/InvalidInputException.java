package com.smartlinkauto.servicedefaults.validation;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;

/**
 * A 400 {@code validation} problem for one input checked by hand, in the same shape as Bean Validation's
 * errors: {@code errors: [{field, message}]}. The rejected value is never echoed.
 */
public class InvalidInputException extends ApiException {

    public InvalidInputException(String field, String message) {
        super(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The request has invalid values.",
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }
}
