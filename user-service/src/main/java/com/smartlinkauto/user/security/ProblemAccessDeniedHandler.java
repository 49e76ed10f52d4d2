package com.smartlinkauto.user.security;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

import com.smartlinkauto.servicedefaults.problem.ProblemTypes;
import com.smartlinkauto.user.web.Problems;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** 403 as problem+json: authenticated, but the role does not allow this. */
@Component
class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    private final JsonMapper json;

    ProblemAccessDeniedHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException {
        Problems.write(json, request, response, HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN,
                "You are not allowed to do this.");
    }
}
