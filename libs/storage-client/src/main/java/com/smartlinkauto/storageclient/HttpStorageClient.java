package com.smartlinkauto.storageclient;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;

import com.smartlinkauto.servicedefaults.Correlation;
import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;
import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokenException;
import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokens;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link StorageClient} over {@link HttpURLConnection}: uploads in fixed-length streaming mode (the body
 * goes out as it is read, {@code Content-Length} set), downloads read straight from the connection, the
 * connect and read time-outs on every socket operation. Each call goes through the {@code storage}
 * circuit breaker, which counts only {@link StorageUnavailableException}s as failures (a 404 or a 400 says
 * nothing about the network's health), and is timed as {@code smartlink.storage.client.requests}. Every call
 * carries a service token for the controller; no token to be had, or a refused one (401/403), is the network
 * being unavailable to this service (503 to its caller), never a 401 passed on to a user.
 */
public class HttpStorageClient implements StorageClient {

    public static final String PATH = "/internal/storage/files";
    public static final String OWNER_HEADER = "X-Storage-Owner";
    public static final String METRIC = "smartlink.storage.client.requests";

    private static final Logger log = LoggerFactory.getLogger(HttpStorageClient.class);
    private static final int BUFFER = 64 * 1024;
    private static final String UNAVAILABLE = "The file storage is unavailable right now. Try again later.";

    private final StorageClientProperties properties;
    private final Supplier<URI> baseUri;
    private final @Nullable String owner;
    private final CircuitBreaker circuitBreaker;
    private final MeterRegistry meters;
    private final ServiceTokens tokens;
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * @param baseUri the controller to call, asked once per call (a fixed URL, or an instance chosen by the
     *                load balancer); throws {@link StorageUnavailableException} when there is none
     * @param tokens  service tokens for the controller (audience {@code properties.serviceId()}), sent as
     *                {@code Authorization: Bearer} on every call
     */
    public HttpStorageClient(StorageClientProperties properties, Supplier<URI> baseUri, @Nullable String owner,
            CircuitBreaker circuitBreaker, MeterRegistry meters, ServiceTokens tokens) {
        this.properties = properties;
        this.baseUri = baseUri;
        this.owner = owner;
        this.circuitBreaker = circuitBreaker;
        this.meters = meters;
        this.tokens = tokens;
    }

    // ------------------------------------------------------------------ store

    @Override
    public StoredFile store(InputStream content, long length, String contentType, String name) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0");
        }
        StringBuilder query = new StringBuilder();
        if (name != null && !name.isBlank()) {
            query.append("name=").append(URLEncoder.encode(name, StandardCharsets.UTF_8));
        }
        if (properties.replication() != null) {
            query.append(query.isEmpty() ? "" : "&").append("replication=").append(properties.replication());
        }
        String path = PATH + (query.isEmpty() ? "" : "?" + query);
        String type = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
        return call("store", () -> {
            HttpURLConnection connection = connect("POST", path);
            try {
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(length);
                connection.setRequestProperty("Content-Type", type);
                if (owner != null) {
                    connection.setRequestProperty(OWNER_HEADER, owner);
                }
                try (OutputStream out = connection.getOutputStream()) {
                    copy(content, out, length);
                }
                int status = connection.getResponseCode();
                if (status != HttpStatus.CREATED.value() && status != HttpStatus.OK.value()) {
                    // a 404 here means no internal file API at that address, not a missing file
                    throw error(connection, status, "store", status == 404);
                }
                try (InputStream in = connection.getInputStream()) {
                    return storedFile(json.readTree(in), type);
                }
            }
            catch (ContentException ex) {
                connection.disconnect();
                throw ex.unchecked();
            }
            catch (IOException | JacksonException ex) {
                connection.disconnect();
                throw unavailable("store", ex);
            }
            catch (RuntimeException ex) {
                connection.disconnect();
                throw ex;
            }
        });
    }

    private static StoredFile storedFile(JsonNode manifest, String type) {
        try {
            return new StoredFile(UUID.fromString(manifest.required("fileId").asString()),
                    manifest.required("size").asLong(), manifest.path("sha256").asString(null),
                    manifest.path("contentType").asString(type));
        }
        catch (IllegalArgumentException | JacksonException ex) {
            throw new StorageUnavailableException(UNAVAILABLE,
                    new IllegalStateException("Unexpected manifest from the storage controller", ex));
        }
    }

    /** Copies exactly {@code length} bytes; the caller's stream failing or ending early is not the network's fault. */
    private static void copy(InputStream content, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(1, length))];
        long remaining = length;
        while (remaining > 0) {
            int read;
            try {
                read = content.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            }
            catch (IOException ex) {
                throw new ContentException(ex);
            }
            if (read < 0) {
                throw new ShortContentException(length, length - remaining);
            }
            out.write(buffer, 0, read);
            remaining -= read;
        }
    }

    /** The content to store could not be read: reported as such, not as an unavailable network. */
    private static final class ContentException extends IOException {

        ContentException(IOException cause) {
            super("Reading the content to store failed: " + cause.getMessage(), cause);
        }

        UncheckedIOException unchecked() {
            return new UncheckedIOException(getMessage(), (IOException) getCause());
        }
    }

    private static final class ShortContentException extends IllegalArgumentException {

        ShortContentException(long expected, long got) {
            super("The content ended after " + got + " of the " + expected + " bytes announced.");
        }
    }

    // ------------------------------------------------------------------ open

    @Override
    public StorageDownload open(UUID fileId, @Nullable String range) {
        return call("open", () -> {
            HttpURLConnection connection = connect("GET", PATH + "/" + fileId);
            try {
                if (range != null && !range.isBlank()) {
                    connection.setRequestProperty("Range", range);
                }
                int status = connection.getResponseCode();
                if (status == 404) {
                    drain(connection);
                    throw new StoredFileNotFoundException(fileId);
                }
                if (status != 200 && status != 206) {
                    throw error(connection, status, "open", false);
                }
                return new Download(connection, status, connection.getInputStream());
            }
            catch (IOException ex) {
                connection.disconnect();
                throw unavailable("open", ex);
            }
            catch (RuntimeException ex) {
                connection.disconnect();
                throw ex;
            }
        });
    }

    private static final class Download implements StorageDownload {

        private final HttpURLConnection connection;
        private final int status;
        private final long contentLength;
        private final InputStream raw;
        private final InputStream body;
        private long read;
        private boolean closed;

        Download(HttpURLConnection connection, int status, InputStream raw) {
            this.connection = connection;
            this.status = status;
            this.contentLength = connection.getContentLengthLong();
            this.raw = raw;
            this.body = new FilterInputStream(raw) {

                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        read++;
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n > 0) {
                        read += n;
                    }
                    return n;
                }

                @Override
                public void close() {
                    Download.this.close();
                }
            };
        }

        @Override
        public int status() {
            return status;
        }

        @Override
        public String contentType() {
            String type = connection.getContentType();
            return type == null ? "application/octet-stream" : type;
        }

        @Override
        public long contentLength() {
            return contentLength;
        }

        @Override
        public @Nullable String etag() {
            return connection.getHeaderField("ETag");
        }

        @Override
        public @Nullable String contentRange() {
            return connection.getHeaderField("Content-Range");
        }

        @Override
        public InputStream body() {
            return body;
        }

        /** Releases the connection: kept alive when the body was read to the end, otherwise dropped. */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            boolean complete = contentLength >= 0 && read >= contentLength;
            if (!complete) {
                // the rest of a large body is not worth draining for keep-alive
                connection.disconnect();
            }
            try {
                raw.close();
            }
            catch (IOException ex) {
                log.debug("Closing a storage download: {}", ex.toString());
            }
        }
    }

    // ------------------------------------------------------------------ delete

    @Override
    public void delete(UUID fileId) {
        call("delete", () -> {
            HttpURLConnection connection = connect("DELETE", PATH + "/" + fileId);
            try {
                int status = connection.getResponseCode();
                if (status == 204 || status == 200 || status == 404) {
                    drain(connection);
                    return null;
                }
                throw error(connection, status, "delete", false);
            }
            catch (IOException ex) {
                connection.disconnect();
                throw unavailable("delete", ex);
            }
            catch (RuntimeException ex) {
                connection.disconnect();
                throw ex;
            }
        });
    }

    // ------------------------------------------------------------------ plumbing

    private <T> T call(String operation, Supplier<T> request) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "success";
        try {
            return circuitBreaker.executeSupplier(request);
        }
        catch (CallNotPermittedException ex) {
            outcome = "circuit-open";
            throw new StorageUnavailableException(UNAVAILABLE, ex);
        }
        catch (StoredFileNotFoundException ex) {
            outcome = "not-found";
            throw ex;
        }
        catch (StorageUnavailableException ex) {
            outcome = "unavailable";
            throw ex;
        }
        catch (ApiException ex) {
            outcome = "client-error";
            throw ex;
        }
        catch (RuntimeException ex) {
            outcome = "error";
            throw ex;
        }
        finally {
            sample.stop(Timer.builder(METRIC).description("Calls of the storage network's internal file API")
                    .tag("operation", operation).tag("outcome", outcome).register(meters));
        }
    }

    private HttpURLConnection connect(String method, String pathAndQuery) {
        String token;
        try {
            token = tokens.token(properties.serviceId());
        }
        catch (ServiceTokenException ex) {
            throw unavailable(method, ex);
        }
        URI base = baseUri.get();
        HttpURLConnection connection;
        try {
            connection = (HttpURLConnection) URI.create(base.toString().replaceAll("/+$", "") + pathAndQuery)
                    .toURL().openConnection();
            connection.setRequestMethod(method);
        }
        catch (IOException | IllegalArgumentException ex) {
            throw unavailable(method, ex);
        }
        connection.setConnectTimeout(Math.toIntExact(properties.connectTimeout().toMillis()));
        connection.setReadTimeout(Math.toIntExact(properties.readTimeout().toMillis()));
        connection.setUseCaches(false);
        connection.setInstanceFollowRedirects(false);
        connection.setRequestProperty("Accept", "application/json, application/problem+json, */*");
        connection.setRequestProperty("Authorization", ServiceTokens.BEARER + token);
        String requestId = MDC.get(Correlation.MDC_KEY);
        if (requestId != null) {
            connection.setRequestProperty(Correlation.HEADER, requestId);
        }
        return connection;
    }

    /** The exception for an unexpected answer: 5xx → unavailable; other 4xx → the same status and detail. */
    private RuntimeException error(HttpURLConnection connection, int status, String operation,
            boolean unavailable) {
        String detail = null;
        URI type = null;
        try (InputStream in = connection.getErrorStream()) {
            if (in != null) {
                byte[] body = in.readNBytes(64 * 1024);
                JsonNode problem = json.readTree(body);
                detail = problem.path("detail").asString(null);
                String typeText = problem.path("type").asString(null);
                type = typeText == null ? null : URI.create(typeText);
            }
        }
        catch (IOException | RuntimeException ex) {
            // no problem body: the status alone speaks
        }
        if (status == 401 || status == 403) {
            // our credential, not the user's request: the user sees the storage as unavailable
            if (status == 401) {
                tokens.invalidate(properties.serviceId());
            }
            log.error("Storage {} refused this service's credential ({}): {}", operation, status, detail);
            return new StorageUnavailableException(UNAVAILABLE,
                    new IllegalStateException("storage-controller-service refused the service token: " + status));
        }
        if (unavailable || status >= 500 || status < 400 || status == 408 || status == 429) {
            log.warn("Storage {} answered {}: {}", operation, status, detail);
            return new StorageUnavailableException(UNAVAILABLE,
                    new IllegalStateException("storage-controller-service answered " + status + ": " + detail));
        }
        HttpStatus httpStatus = HttpStatus.resolve(status);
        return new ApiException(httpStatus != null ? httpStatus : HttpStatus.BAD_REQUEST,
                type != null ? type : ProblemTypes.forStatus(status),
                detail != null ? detail : "The file storage refused the request (" + status + ").");
    }

    private StorageUnavailableException unavailable(String operation, Exception cause) {
        log.warn("Storage {} failed: {}", operation, cause.toString());
        return new StorageUnavailableException(UNAVAILABLE, cause);
    }

    private static void drain(HttpURLConnection connection) {
        try (InputStream in = connection.getResponseCode() >= 400 ? connection.getErrorStream()
                : connection.getInputStream()) {
            if (in != null) {
                in.readNBytes(64 * 1024);
            }
        }
        catch (IOException ex) {
            connection.disconnect();
        }
    }
}
