package com.smartlinkauto.discovery.security;

import java.io.IOException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

import com.smartlinkauto.servicedefaults.problem.ProblemTypes;
import com.smartlinkauto.servicedefaults.problem.ServletProblems;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** 401 with {@code WWW-Authenticate: Basic} (a browser asks for the dashboard login) and a problem+json body. */
final class BasicProblemEntryPoint implements AuthenticationEntryPoint {

    private final JsonMapper json;

    BasicProblemEntryPoint(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"smartlink-discovery\", charset=\"UTF-8\"");
        boolean presented = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        ServletProblems.write(json, request, response, HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED,
                presented ? "The credentials are not valid." : "A service credential is required.");
    }
}
