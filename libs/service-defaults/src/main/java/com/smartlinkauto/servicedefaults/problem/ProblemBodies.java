package com.smartlinkauto.servicedefaults.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.ProblemDetail;

/**
 * The JSON shape of every problem body, written by hand where no message converter is involved
 * (servlet filters and entry points, the reactive gateway): type, title, status, detail, instance,
 * then the extension properties such as {@code correlationId} and {@code errors}.
 */
public final class ProblemBodies {

    private ProblemBodies() {
    }

    public static Map<String, Object> toMap(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", problem.getInstance() == null ? null : problem.getInstance().toString());
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }
}
