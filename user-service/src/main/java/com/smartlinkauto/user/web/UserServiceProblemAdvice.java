package com.smartlinkauto.user.web;


import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.smartlinkauto.servicedefaults.problem.ProblemTypes;
import com.smartlinkauto.servicedefaults.problem.ServletProblems;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The error cases this service renders itself, before the shared {@code ProblemDetailsAdvice}: a 429
 * and a throttle's 503 (Redis unreachable), which need a {@code Retry-After} header, and a lost
 * optimistic-locking race (409).
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

    @ExceptionHandler(ThrottleUnavailableException.class)
    ResponseEntity<ProblemDetail> throttleUnavailable(ThrottleUnavailableException ex, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(ThrottleUnavailableException.RETRY_AFTER_SECONDS))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ServletProblems.problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
                        ex.getMessage(), request));
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> concurrentChange(OptimisticLockingFailureException ex, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ServletProblems.problem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT,
                        "Someone else changed this at the same time. Reload and try again.", request));
    }
}
