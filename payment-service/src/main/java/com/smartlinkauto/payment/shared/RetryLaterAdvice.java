package com.smartlinkauto.payment.shared;

import java.time.Duration;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.smartlinkauto.servicedefaults.problem.ProblemTypes;
import com.smartlinkauto.servicedefaults.problem.ServletProblems;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The problems this service renders itself, before the shared {@code ProblemDetailsAdvice}: those that need a
 * {@code Retry-After} header (503 booking-service unavailable, 503 when every database connection
 * stayed busy: a burst, which a client may retry, rather than a 500).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RetryLaterAdvice {

    private static final Logger log = LoggerFactory.getLogger(RetryLaterAdvice.class);

    /** Every database connection stayed busy for the pool's connection time-out: a burst, not a fault. */
    @ExceptionHandler(CannotGetJdbcConnectionException.class)
    ResponseEntity<ProblemDetail> databaseBusy(CannotGetJdbcConnectionException ex, HttpServletRequest request) {
        log.warn("No database connection within the pool's time-out on {} {}: {}", request.getMethod(),
                request.getRequestURI(), ex.getMessage());
        return retryLater(new RetryLaterException(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
                "The service is too busy to answer right now; nothing was changed. Try again shortly.",
                Duration.ofSeconds(2), Map.of()), request);
    }

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
