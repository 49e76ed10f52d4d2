package com.smartlinkauto.servicedefaults.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.servicedefaults.Correlation;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Replaces Boot's {@code BasicErrorController}: whatever reaches the servlet container's error page (a
 * {@code sendError} from a filter, Spring Security's firewall refusing {@code /..;/} or {@code //}, an
 * exception thrown outside Spring MVC) is answered in the platform's problem+json with the correlation id,
 * like every other error.
 */
@RestController
@RequestMapping("${server.error.path:/error}")
public class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping(produces = { MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE, "*/*" })
    ResponseEntity<ProblemDetail> error(HttpServletRequest request, HttpServletResponse response) {
        HttpStatus status = status(request);
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (status.is5xxServerError() && exception instanceof Throwable t) {
            log.error("Unhandled error on {} {}", request.getMethod(),
                    request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), t);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail(status));
        problem.setType(ProblemTypes.forStatus(status.value()));
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        problem.setInstance(ServletProblems.instance(uri instanceof String s ? s : null));
        String correlationId = response.getHeader(Correlation.HEADER);
        if (correlationId == null) {
            correlationId = Correlation.acceptOrGenerate(request.getHeader(Correlation.HEADER));
            response.setHeader(Correlation.HEADER, correlationId);
        }
        problem.setProperty("correlationId", correlationId);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        return status == null || !status.isError() ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    static String detail(HttpStatus status) {
        return switch (status.value()) {
            case 400 -> "The request is malformed: its path, query or headers are not acceptable.";
            case 401 -> "Authentication is required.";
            case 403 -> "This request is not allowed.";
            case 404 -> "No resource matches this path.";
            case 405 -> "This method is not allowed here.";
            case 413 -> "The request is too large.";
            case 414 -> "The request URI is too long.";
            case 415 -> "The request's content type is not supported here.";
            case 431 -> "The request's headers are too large.";
            default -> status.is5xxServerError()
                    ? "An unexpected error occurred. Quote the correlation id when reporting it."
                    : "The request could not be processed.";
        };
    }
}
