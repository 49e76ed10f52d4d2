package com.smartlinkauto.user.web;

import java.util.List;
import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.smartlinkauto.servicedefaults.problem.ProblemTypes;
import com.smartlinkauto.servicedefaults.problem.ServletProblems;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The few error cases this service renders itself, before the shared {@code ProblemDetailsAdvice}:
 * a 429 that needs a {@code Retry-After} header, a body with an unknown field (named, so the client
 * learns it cannot choose e.g. a role), a lost optimistic-locking race (409), and an access-denied raised inside a handler (the shared
 * advice would otherwise turn it into a 500). Candidates for libs/service-defaults.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UserServiceProblemAdvice {

    @ExceptionHandler(TooManyAttemptsException.class)
    ResponseEntity<ProblemDetail> tooManyAttempts(TooManyAttemptsException ex, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ServletProblems.problem(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.RATE_LIMITED, ex.getMessage(),
                        request));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex, HttpServletRequest request) {
        ProblemDetail problem;
        if (ex.getCause() instanceof UnrecognizedPropertyException unknown) {
            problem = ServletProblems.problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION,
                    "The request has fields this endpoint does not accept.", request);
            problem.setProperty("errors",
                    List.of(Map.of("field", unknown.getPropertyName(), "message", "is not a known field")));
        }
        else {
            // never echo the parser's message: it can quote the body (passwords included)
            problem = ServletProblems.problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST,
                    "The request body is missing or is not valid JSON of the expected shape.", request);
        }
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> concurrentChange(OptimisticLockingFailureException ex, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ServletProblems.problem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT,
                        "Someone else changed this at the same time. Reload and try again.", request));
    }

}
