package com.smartlinkauto.servicedefaults.security;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

import com.smartlinkauto.servicedefaults.problem.ProblemTypes;
import com.smartlinkauto.servicedefaults.problem.ServletProblems;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** 403 as problem+json: authenticated, but the role does not allow this. */
public class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    private final JsonMapper json;

    public ProblemAccessDeniedHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException {
        ServletProblems.write(json, request, response, HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN,
                "You are not allowed to do this.");
    }
}
