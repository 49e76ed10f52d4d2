package com.smartlinkauto.servicedefaults.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RequestBodyLimitFilterTest {

    private final Map<String, DataSize> pathLimits = new LinkedHashMap<>();
    private final AtomicReference<byte[]> seenByTheApplication = new AtomicReference<>();

    private MockHttpServletResponse run(MockHttpServletRequest request) throws ServletException, IOException {
        RequestBodyLimitFilter filter = new RequestBodyLimitFilter(
                new RequestBodyLimitProperties(true, DataSize.ofKilobytes(1), pathLimits));
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (req, res) -> seenByTheApplication
                .set(((HttpServletRequest) req).getInputStream().readAllBytes()));
        return response;
    }

    private static MockHttpServletRequest post(String path, String contentType, byte[] body, boolean chunked) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setContentType(contentType);
        request.setContent(body);
        if (chunked) {
            // MockHttpServletRequest derives a length from the content: a chunked request has none
            request = new MockHttpServletRequest("POST", path) {
                @Override
                public long getContentLengthLong() {
                    return -1;
                }

                @Override
                public int getContentLength() {
                    return -1;
                }
            };
            request.setContentType(contentType);
            request.setContent(body);
            request.addHeader("Transfer-Encoding", "chunked");
        }
        return request;
    }

    private static void assertTooLarge(MockHttpServletResponse response) throws IOException {
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = JsonMapper.builder().build().readTree(response.getContentAsByteArray());
        assertThat(problem.get("type").asString()).isEqualTo("https://smartlinkauto.com/problems/payload-too-large");
        assertThat(problem.get("status").asInt()).isEqualTo(413);
    }

    @Test
    void aDeclaredBodyOverTheLimitIsRefusedUnread() throws Exception {
        assertTooLarge(run(post("/api/things", "application/json", new byte[1025], false)));
        assertThat(seenByTheApplication.get()).isNull();
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefused() throws Exception {
        assertTooLarge(run(post("/api/things", "application/json", new byte[1025], true)));
        assertThat(seenByTheApplication.get()).isNull();
    }

    @Test
    void bodiesWithinTheLimitReachTheApplicationIntact() throws Exception {
        byte[] body = "{\"a\":1}".repeat(100).getBytes();
        assertThat(run(post("/api/things", "application/json", body, false)).getStatus()).isEqualTo(200);
        assertThat(seenByTheApplication.get()).isEqualTo(body);
        assertThat(run(post("/api/things", "application/json", body, true)).getStatus()).isEqualTo(200);
        assertThat(seenByTheApplication.get()).isEqualTo(body);
        assertThat(run(post("/api/things", "application/octet-stream", new byte[1024], true)).getStatus()).isEqualTo(200);
    }

    @Test
    void multipartIsLeftToTheMultipartLimits() throws Exception {
        assertThat(run(post("/api/photos", "multipart/form-data; boundary=x", new byte[4096], false)).getStatus())
                .isEqualTo(200);
    }

    @Test
    void pathsHaveTheirOwnLimitOrNone() throws Exception {
        pathLimits.put("/api/storage/files", DataSize.ofBytes(-1));
        pathLimits.put("/internal/nodes/**", DataSize.ofKilobytes(8));
        assertThat(run(post("/api/storage/files", "application/octet-stream", new byte[100_000], true)).getStatus())
                .isEqualTo(200);
        assertThat(run(post("/internal/nodes/n-1/chunks", "application/json", new byte[4096], false)).getStatus())
                .isEqualTo(200);
        assertTooLarge(run(post("/internal/nodes/n-1/chunks", "application/json", new byte[9000], false)));
        assertTooLarge(run(post("/api/other", "application/json", new byte[4096], false)));
    }
}
