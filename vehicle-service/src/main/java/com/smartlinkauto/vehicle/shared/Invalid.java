package com.smartlinkauto.vehicle.shared;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;

/** 400 validation problems for rules Bean Validation cannot express, in the same shape as its errors. */
public final class Invalid {

    private Invalid() {
    }

    public static ApiException field(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The request has invalid fields.",
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }

    /**
     * As {@link #field(String, String)} for one rule worth spelling out in the detail itself (the UI shows the
     * detail), with properties a client can act on (the bound that was passed, ...).
     */
    public static ApiException field(String field, String message, Map<String, Object> properties) {
        Map<String, Object> all = new java.util.LinkedHashMap<>(properties);
        all.put("errors", List.of(Map.of("field", field, "message", message)));
        return new ApiException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION,
                "The request has invalid fields: " + field + " " + message + ".", all);
    }

    public static ApiException parameter(String parameter, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The request has invalid parameters.",
                Map.of("errors", List.of(Map.of("field", parameter, "message", message))));
    }
}
