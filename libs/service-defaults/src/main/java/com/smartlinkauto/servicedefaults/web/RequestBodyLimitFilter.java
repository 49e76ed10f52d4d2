package com.smartlinkauto.servicedefaults.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.AntPathMatcher;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import com.smartlinkauto.servicedefaults.problem.ProblemTypes;
import com.smartlinkauto.servicedefaults.problem.ServletProblems;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Caps every request body that is not multipart ({@code spring.servlet.multipart.*} limits those) at
 * {@code smartlink.web.request-body.max-size} (1 MB) or the limit of its path, answering 413 problem+json.
 * A {@code Content-Length} over the limit is refused before a byte is read. A body without one (chunked)
 * is read up to the limit (what a JSON parser would hold anyway) and then handed on; one byte more and the
 * request is refused, after the rest of the body (up to {@link #DRAIN_LIMIT}) has been read and dropped: closing
 * a connection with unread bytes makes the kernel answer with a reset, which can destroy the 413 before the
 * client reads it. (A declared body over the limit is never read: the container sends {@code 100 Continue}
 * only when the application reads, see InputHardeningAutoConfiguration, so a client that asked first never
 * sends it, and Tomcat drains one that did not ask up to its own swallow limit.) Form posts are left to
 * Tomcat ({@code server.tomcat.max-http-form-post-size}), which reads them itself. Paths with a negative limit (endpoints that stream their body, such as the storage
 * uploads) pass untouched.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** How much of a refused chunked body is still read (and dropped), like Tomcat's own max-swallow-size. */
    static final long DRAIN_LIMIT = DataSize.ofMegabytes(2).toBytes();

    private final RequestBodyLimitProperties properties;
    private final AntPathMatcher paths = new AntPathMatcher();

    public RequestBodyLimitFilter(RequestBodyLimitProperties properties) {
        this.properties = properties;
    }

    /** The limit for a path in bytes; negative: none. */
    long limitFor(String path) {
        for (Map.Entry<String, DataSize> entry : properties.pathLimits().entrySet()) {
            if (paths.match(entry.getKey(), path)) {
                return entry.getValue().toBytes();
            }
        }
        return properties.maxSize().toBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!properties.enabled()) {
            return true;
        }
        String contentType = request.getContentType();
        if (contentType != null) {
            String type = contentType.toLowerCase(java.util.Locale.ROOT);
            if (type.startsWith("multipart/") || type.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request.getRequestURI().substring(request.getContextPath().length()));
        if (limit < 0) {
            chain.doFilter(request, response);
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(request, response, limit);
            return;
        }
        if (declared >= 0 || !hasBodyWithoutLength(request)) {
            // the container reads exactly Content-Length bytes
            chain.doFilter(request, response);
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), limit);
        if (body == null) {
            drain(request.getInputStream(), DRAIN_LIMIT);
            refuse(request, response, limit);
            return;
        }
        chain.doFilter(new ReadBodyRequest(request, body), response);
    }

    private static boolean hasBodyWithoutLength(HttpServletRequest request) {
        String transferEncoding = request.getHeader("Transfer-Encoding");
        return transferEncoding != null && !transferEncoding.isBlank();
    }

    /** The whole body if it has at most {@code limit} bytes, else null (reading stops after limit + 1). */
    static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            total += read;
            if (total > limit) {
                return null;
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    /** Reads and drops what is left of a body, at most {@code limit} bytes (a longer body is cut off). */
    static void drain(InputStream in, long limit) {
        byte[] buffer = new byte[8192];
        long total = 0;
        try {
            int read;
            while (total <= limit && (read = in.read(buffer)) != -1) {
                total += read;
            }
        } catch (IOException e) {
            // the client went away or sent a broken chunk: nothing left to protect, the 413 still goes out
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, long limit)
            throws IOException {
        ServletProblems.write(JSON, request, response, HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE,
                "The request body is larger than this endpoint accepts (" + DataSize.ofBytes(limit).toKilobytes()
                        + " KB).");
    }

    /** The request with its body already read (and checked): served from memory. */
    static final class ReadBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body has been read already");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() throws java.io.UnsupportedEncodingException {
            String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(new ByteArrayInputStream(body),
                    java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
