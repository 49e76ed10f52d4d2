package com.smartlinkauto.servicedefaults.problem;

import java.sql.SQLException;
import java.time.DateTimeException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.smartlinkauto.servicedefaults.Correlation;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * One error format for every servlet service: RFC 9457 {@code application/problem+json} with a stable
 * {@code type}, the request path as {@code instance}, the correlation id and, for validation errors,
 * the offending fields. Unexpected exceptions become a 500 whose body reveals nothing internal.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> handleApi(ApiException ex, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
        body.setType(ex.type());
        ex.properties().forEach(body::setProperty);
        return handleExceptionInternal(ex, body, new HttpHeaders(), ex.status(), request);
    }

    /** Bean Validation on {@code @Validated} beans (controllers or application services). */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request has invalid values.");
        body.setType(ProblemTypes.VALIDATION);
        body.setProperty("errors", ex.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> Map.of("field", leaf(v.getPropertyPath().toString()), "message", v.getMessage()))
                .toList());
        return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    /**
     * A multipart body that cannot be parsed: no boundary, broken framing, a client that stopped sending.
     * (Too large is {@link org.springframework.web.multipart.MaxUploadSizeExceededException}: 413.)
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> handleMultipart(MultipartException ex, WebRequest request) {
        log.info("Unreadable multipart request on {}: {}", describe(request), ex.toString());
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The multipart body could not be read: it needs a boundary in its Content-Type and well-formed parts.");
        body.setType(ProblemTypes.MALFORMED_REQUEST);
        return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    /**
     * Parse and arithmetic failures that escaped the service's own checks: a number or date from the client
     * too large for its type or not one at all. Inputs are bounded before use, so this is the safety net;
     * it is logged, because the check that should have caught it is missing somewhere.
     */
    @ExceptionHandler({ ArithmeticException.class, NumberFormatException.class, DateTimeException.class })
    ResponseEntity<Object> handleOutOfRange(RuntimeException ex, WebRequest request) {
        log.warn("Out-of-range or malformed value on {} (answered 400): {}", describe(request), ex.toString());
        return badValue(ex, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
        if (isClientData(ex)) {
            log.warn("A value of the request on {} was refused below the service's own checks (answered 400): {}",
                    describe(request), rootCause(ex).toString());
            return badValue(ex, request);
        }
        log.error("Unhandled error on {}", describe(request), ex);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred. Quote the correlation id when reporting it.");
        body.setType(ProblemTypes.INTERNAL);
        return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    /**
     * A path variable, parameter or header of the wrong type (a malformed UUID, "abc" or an overflowing number):
     * {@code malformed-request} as before, now with the parameter named in {@code errors} and the value never
     * echoed (Spring's own detail quotes it).
     */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex.getPropertyName() != null ? ex.getPropertyName() : "value";
        Class<?> required = ex.getRequiredType();
        String expected = required == null ? "a value of the expected type"
                : required == java.util.UUID.class ? "a UUID"
                : Number.class.isAssignableFrom(required) || required.isPrimitive() ? "a number in range"
                : java.time.temporal.Temporal.class.isAssignableFrom(required) ? "an ISO-8601 date-time"
                : required.isEnum() ? "one of " + java.util.Arrays.toString(required.getEnumConstants())
                : "a valid " + required.getSimpleName();
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request has a parameter that cannot be read as its type.");
        body.setType(ProblemTypes.MALFORMED_REQUEST);
        body.setProperty("errors", List.of(Map.of("field", name, "message", "must be " + expected)));
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = ex.getBody();
        body.setType(ProblemTypes.VALIDATION);
        body.setDetail("The request has invalid fields.");
        body.setProperty("errors", fieldErrors(ex.getBindingResult().getFieldErrors()));
        return handleExceptionInternal(ex, body, headers, status, request);
    }

    /**
     * An unknown field is named (a client learns it cannot send e.g. a role); any other unreadable body
     * gets a fixed message, never the parser's, which can quote the body (passwords included).
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body;
        if (ex.getCause() instanceof UnrecognizedPropertyException unknown) {
            body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "The request has fields this endpoint does not accept.");
            body.setType(ProblemTypes.VALIDATION);
            body.setProperty("errors",
                    List.of(Map.of("field", unknown.getPropertyName(), "message", "is not a known field")));
        }
        else {
            body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "The request body is missing or is not valid JSON of the expected shape.");
            body.setType(ProblemTypes.MALFORMED_REQUEST);
        }
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = ex.getBody();
        body.setType(ProblemTypes.VALIDATION);
        body.setDetail("The request has invalid parameters.");
        List<Map<String, String>> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> Map.of("field", String.valueOf(result.getMethodParameter().getParameterName()),
                                "message", String.valueOf(error.getDefaultMessage()))))
                .toList();
        body.setProperty("errors", errors);
        return handleExceptionInternal(ex, body, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail pd ? pd
                : ProblemDetail.forStatusAndDetail(statusCode, ex.getMessage());
        enrich(problem, statusCode.value(), request);
        return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
    }

    static void enrich(ProblemDetail problem, int status, WebRequest request) {
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(ProblemTypes.forStatus(status));
        }
        if (request instanceof NativeWebRequest nwr
                && nwr.getNativeRequest() instanceof HttpServletRequest servletRequest) {
            problem.setInstance(ServletProblems.instance(servletRequest.getRequestURI()));
        }
        String correlationId = MDC.get(Correlation.MDC_KEY);
        if (correlationId != null) {
            problem.setProperty("correlationId", correlationId);
        }
    }

    private ResponseEntity<Object> badValue(Exception ex, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "A value in the request is malformed or out of range.");
        body.setType(ProblemTypes.MALFORMED_REQUEST);
        return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    /** Thrown when a request is read, named so that no servlet container or Spring Security is needed here. */
    private static final java.util.Set<String> CLIENT_ERRORS = java.util.Set.of(
            // Tomcat cannot decode the query string: %zz, invalid UTF-8 (%C3%28), a CESU surrogate (%ED%A0%80)
            "org.apache.tomcat.util.http.InvalidParameterException",
            // Spring Security's firewall refuses a header value when it is read (non-ASCII in If-None-Match)
            "org.springframework.security.web.firewall.RequestRejectedException");

    /**
     * Errors a client's value causes below the service's checks: PostgreSQL's "data exception" class
     * (SQLSTATE 22: a NUL byte, a value too long for its column, a date or number out of range), a query
     * string Tomcat cannot decode, a header Spring Security's firewall refuses once it is read.
     */
    static boolean isClientData(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return true;
            }
            if (CLIENT_ERRORS.contains(t.getClass().getName())) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable ex) {
        Throwable t = ex;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static List<Map<String, String>> fieldErrors(List<FieldError> errors) {
        // never echo rejected values: they may be passwords or tokens
        return errors.stream()
                .sorted(Comparator.comparing(FieldError::getField))
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
    }

    /** {@code create.arg0.name} → {@code name}: the client knows fields, not our method names. */
    private static String leaf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static String describe(WebRequest request) {
        return request instanceof NativeWebRequest nwr && nwr.getNativeRequest() instanceof HttpServletRequest r
                ? r.getMethod() + " " + r.getRequestURI() : request.getDescription(false);
    }
}
