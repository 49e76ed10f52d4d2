package com.smartlinkauto.servicedefaults.security;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

import com.smartlinkauto.servicedefaults.problem.ProblemTypes;
import com.smartlinkauto.servicedefaults.problem.ServletProblems;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 for a missing, malformed, tampered or expired token: the standard {@code WWW-Authenticate:
 * Bearer} header plus a problem+json body. The body never says which check failed.
 */
public class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final JsonMapper json;

    public ProblemAuthenticationEntryPoint(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        bearer.commence(request, response, exception);
        boolean tokenPresent = request.getHeader("Authorization") != null;
        ServletProblems.write(json, request, response, HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED,
                tokenPresent ? "The access token is not valid." : "Authentication is required.");
    }
}
