package com.smartlinkauto.servicedefaults.problem;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import com.smartlinkauto.servicedefaults.Correlation;

import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's last word on an error nobody else answered: requests refused before they reach a servlet (a
 * space, {@code |} or {@code {} in the URL, an encoded slash, backslash or NUL, a malformed header,
 * headers too large). Tomcat's stock valve writes an HTML page; this one writes the platform's
 * problem+json with a correlation id (the client's {@code X-Request-Id} when it is safe, else a new one).
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null) {
            status = code >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
        }
        String correlationId = response.getHeader(Correlation.HEADER);
        if (correlationId == null) {
            correlationId = Correlation.acceptOrGenerate(safeHeader(request, Correlation.HEADER));
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ProblemErrorController.detail(status));
        problem.setType(ProblemTypes.forStatus(status.value()));
        problem.setInstance(ServletProblems.instance(safeUri(request)));
        problem.setProperty("correlationId", correlationId);
        try {
            byte[] body = JSON.writeValueAsBytes(ProblemBodies.toMap(problem));
            response.setHeader(Correlation.HEADER, correlationId);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(new String(body, java.nio.charset.StandardCharsets.UTF_8));
                response.finishResponse();
            }
        }
        catch (IOException | IllegalStateException ex) {
            // the connection is gone or the response committed: nothing more to say
        }
    }

    private static String safeHeader(Request request, String name) {
        try {
            return request.getHeader(name);
        }
        catch (RuntimeException ex) {
            return null;
        }
    }

    private static String safeUri(Request request) {
        try {
            return request.getRequestURI();
        }
        catch (RuntimeException ex) {
            return null;
        }
    }
}
