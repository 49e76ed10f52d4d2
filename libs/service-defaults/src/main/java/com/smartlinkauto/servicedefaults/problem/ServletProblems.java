package com.smartlinkauto.servicedefaults.problem;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import com.smartlinkauto.servicedefaults.Correlation;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Problem bodies in exactly the shape service-defaults' {@code ProblemDetailsAdvice} produces (type,
 * title, status, detail, instance, correlationId), for the places that advice does not reach: the
 * security filter chain and the errors this service adds a header to.
 */
public final class ServletProblems {

    private ServletProblems() {
    }

    public static ProblemDetail problem(HttpStatus status, URI type, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        if (request != null) {
            problem.setInstance(instance(request.getRequestURI()));
        }
        String correlationId = MDC.get(Correlation.MDC_KEY);
        if (correlationId != null) {
            problem.setProperty("correlationId", correlationId);
        }
        return problem;
    }

    /** The request path as a problem's {@code instance}, or none when it is not a valid URI reference. */
    public static URI instance(String path) {
        if (path == null) {
            return null;
        }
        try {
            return new URI(path);
        }
        catch (java.net.URISyntaxException ex) {
            return null;
        }
    }

    /** Writes a problem on a servlet response that is not committed yet (filters, entry points). */
    public static void write(JsonMapper json, HttpServletRequest request, HttpServletResponse response,
            HttpStatus status, URI type, String detail) throws IOException {
        ProblemDetail problem = problem(status, type, detail, request);
        Map<String, Object> body = ProblemBodies.toMap(problem);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(body));
        response.flushBuffer();
    }
}
