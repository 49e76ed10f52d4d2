package com.smartlinkauto.servicedefaults.problem;

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
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
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

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
        log.error("Unhandled error on {}", describe(request), ex);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred. Quote the correlation id when reporting it.");
        body.setType(ProblemTypes.INTERNAL);
        return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
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
            problem.setInstance(java.net.URI.create(servletRequest.getRequestURI()));
        }
        String correlationId = MDC.get(Correlation.MDC_KEY);
        if (correlationId != null) {
            problem.setProperty("correlationId", correlationId);
        }
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
