package com.smartlinkauto.booking.shared;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.smartlinkauto.servicedefaults.problem.ServletProblems;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The problems this service renders itself, before the shared {@code ProblemDetailsAdvice}: those that need a
 * {@code Retry-After} header (423 vehicle locked, 503 vehicle-service unavailable).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RetryLaterAdvice {

    @ExceptionHandler(RetryLaterException.class)
    ResponseEntity<ProblemDetail> retryLater(RetryLaterException ex, HttpServletRequest request) {
        ProblemDetail problem = ServletProblems.problem(ex.status(), ex.type(), ex.getMessage(), request);
        ex.properties().forEach(problem::setProperty);
        return ResponseEntity.status(ex.status())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
