package com.smartlinkauto.testsupport.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.smartlinkauto.testsupport.security.TestTokens;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An in-memory stand-in for storage-controller-service's internal file API ({@code /internal/storage/files}),
 * for services' ITs: point {@code smartlink.storage-client.base-url} at {@link #baseUrl()}. It answers exactly
 * what {@code libs/storage-client} uses, in the controller's shapes:
 * <ul>
 * <li>{@code POST /internal/storage/files?name=&replication=} with a raw body → 201, {@code Location}, the
 * manifest JSON ({@code fileId, name, contentType, size, sha256, chunkSize, replication, status, createdAt,
 * completedAt, chunks})</li>
 * <li>{@code GET|HEAD /internal/storage/files/{id}} → 200 with {@code Content-Type}, {@code Content-Length},
 * {@code ETag: "<sha256>"}; one {@code Range: bytes=…} → 206 + {@code Content-Range}; beyond the end → 416;
 * {@code If-None-Match} with the ETag → 304</li>
 * <li>{@code GET /internal/storage/files/{id}/manifest} → 200 manifest</li>
 * <li>{@code DELETE /internal/storage/files/{id}} → 204, or 404</li>
 * <li>anything else, or an unknown id → 404 {@code application/problem+json}</li>
 * </ul>
 * The real network (chunks, nodes, replicas) is covered by the controller's own ITs and the e2e tests.
 * {@link #failWith(int)} makes every request answer an error (a storage outage) until {@link #recover()}.
 * <p>
 * Like the controller, it requires a service token for it ({@code Authorization: Bearer}, RS256, issuer
 * {@code smartlink-user-service}, {@code aud} containing {@code storage-controller-service}, scope
 * {@code internal}, not expired): anything else is a 401 problem. The keys are {@link TestTokens}' (what
 * {@code TestTokenServer} issues with) unless {@link #trustJwkSetUri(String)} names a JWKS (user-service's
 * ITs: its own). A file's owner is the calling service, {@code sub} of its token.
 */
public final class InMemoryStorageServer implements AutoCloseable {

    public static final String PATH = "/internal/storage/files";

    private static final Pattern FILE = Pattern.compile(Pattern.quote(PATH) + "/([^/]+)(/manifest)?/?");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");
    private static final int CHUNK_SIZE = 4 * 1024 * 1024;

    /** A stored file. */
    public record StoredFile(UUID fileId, byte[] bytes, String contentType, String name, String sha256, String owner,
            int replication, Instant createdAt) {
    }

    /** The audience a token must name to be accepted here. */
    public static final String AUDIENCE = "storage-controller-service";

    private final Map<UUID, StoredFile> files = new ConcurrentHashMap<>();
    private final List<String> callers = new CopyOnWriteArrayList<>();
    private final AtomicLong refused = new AtomicLong();
    private volatile JWKSource<SecurityContext> keys = new ImmutableJWKSet<>(
            new JWKSet(new RSAKey.Builder(TestTokens.publicKey()).keyID(TestTokens.KEY_ID).build()));
    private final AtomicInteger failureStatus = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private HttpServer server;
    private ExecutorService executor;

    /** Starts on 127.0.0.1 and a free port; returns this. */
    public synchronized InMemoryStorageServer start() {
        if (server != null) {
            return this;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "in-memory-storage");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    /** {@code http://127.0.0.1:<port>}: the value for {@code smartlink.storage-client.base-url}. */
    public String baseUrl() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int fileCount() {
        return files.size();
    }

    /** The stored bytes of a file; fails when there is no such file. */
    public byte[] bytes(UUID fileId) {
        return file(fileId).orElseThrow(() -> new IllegalArgumentException("No stored file " + fileId)).bytes().clone();
    }

    public Optional<StoredFile> file(UUID fileId) {
        return Optional.ofNullable(files.get(fileId));
    }

    public boolean contains(UUID fileId) {
        return files.containsKey(fileId);
    }

    /** From now on, tokens are checked against the keys this JWKS publishes (e.g. user-service's own). */
    public InMemoryStorageServer trustJwkSetUri(String jwkSetUri) {
        try {
            keys = JWKSourceBuilder.create(URI.create(jwkSetUri).toURL()).retrying(false).build();
        }
        catch (java.net.MalformedURLException ex) {
            throw new IllegalArgumentException(jwkSetUri, ex);
        }
        return this;
    }

    /** The client ids ({@code sub}) of the accepted requests, in order. */
    public List<String> callers() {
        return List.copyOf(callers);
    }

    /** Requests refused for a missing or invalid service token. */
    public long refusedRequests() {
        return refused.get();
    }

    /** Requests answered so far (all kinds). */
    public long requestCount() {
        return requests.get();
    }

    /** From now on every request is answered {@code status} (e.g. 503) with a problem body. */
    public void failWith(int status) {
        failureStatus.set(status);
    }

    /** Ends {@link #failWith(int)}. */
    public void recover() {
        failureStatus.set(0);
    }

    /** Forgets every file. */
    public void clear() {
        files.clear();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    // ------------------------------------------------------------------ HTTP

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String caller = caller(exchange.getRequestHeaders().getFirst("Authorization"));
            if (caller == null) {
                refused.incrementAndGet();
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                problem(exchange, 401, "unauthorized", "A service token for " + AUDIENCE + " is required.");
                return;
            }
            callers.add(caller);
            int failure = failureStatus.get();
            if (failure != 0) {
                exchange.getRequestBody().readAllBytes();
                problem(exchange, failure, failure >= 500 ? "storage-write-failed" : "http-error",
                        "Simulated failure of the storage network.");
                return;
            }
            if (path.equals(PATH) || path.equals(PATH + "/")) {
                if ("POST".equals(method)) {
                    upload(exchange, caller);
                }
                else {
                    problem(exchange, 405, "method-not-allowed", "Method " + method + " is not supported here.");
                }
                return;
            }
            Matcher m = FILE.matcher(path);
            if (!m.matches()) {
                problem(exchange, 404, "not-found", "No endpoint " + path + ".");
                return;
            }
            UUID fileId;
            try {
                fileId = UUID.fromString(m.group(1));
            }
            catch (IllegalArgumentException ex) {
                problem(exchange, 400, "malformed-request", "fileId must be a UUID.");
                return;
            }
            StoredFile file = files.get(fileId);
            boolean manifest = m.group(2) != null;
            if (file == null) {
                problem(exchange, 404, "file-not-found", "No file " + fileId + ".");
            }
            else if (manifest && "GET".equals(method)) {
                json(exchange, 200, manifest(file));
            }
            else if (!manifest && ("GET".equals(method) || "HEAD".equals(method))) {
                download(exchange, file, "HEAD".equals(method));
            }
            else if (!manifest && "DELETE".equals(method)) {
                files.remove(fileId);
                exchange.sendResponseHeaders(204, -1);
            }
            else {
                problem(exchange, 405, "method-not-allowed", "Method " + method + " is not supported here.");
            }
        }
        catch (RuntimeException ex) {
            problem(exchange, 500, "internal-error", "The in-memory storage failed: " + ex);
        }
    }

    /** The calling service when the bearer token is a valid service token for this audience, else null. */
    private String caller(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        try {
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
            processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(new java.util.HashSet<>(Set.of(AUDIENCE)),
                    new JWTClaimsSet.Builder().issuer(TestTokens.ISSUER).build(), new java.util.HashSet<>(Set.of("sub", "exp", "iat")), null));
            JWTClaimsSet claims = processor.process(authorization.substring(7).trim(), null);
            Object scope = claims.getClaim("scope");
            if (!(scope instanceof String s) || !List.of(s.trim().split("\\s+")).contains("internal")) {
                return null;
            }
            return claims.getSubject();
        }
        catch (java.text.ParseException | com.nimbusds.jose.proc.BadJOSEException | com.nimbusds.jose.JOSEException ex) {
            return null;
        }
    }

    private void upload(HttpExchange exchange, String caller) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type"))
                .filter(type -> !type.isBlank()).orElse("application/octet-stream");
        if (contentType.toLowerCase().startsWith("multipart/")) {
            exchange.getRequestBody().readAllBytes();
            problem(exchange, 415, "unsupported-media-type",
                    "The in-memory storage takes raw bodies only (as storage-client sends them).");
            return;
        }
        int replication = 3;
        if (query.containsKey("replication")) {
            try {
                replication = Integer.parseInt(query.get("replication"));
            }
            catch (NumberFormatException ex) {
                replication = 0;
            }
            if (replication < 1 || replication > 5) {
                exchange.getRequestBody().readAllBytes();
                problem(exchange, 400, "invalid-upload", "replication must be a whole number between 1 and 5.");
                return;
            }
        }
        String owner = caller;
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readAllBytes();
        }
        String lengthHeader = exchange.getRequestHeaders().getFirst("Content-Length");
        if (lengthHeader != null && Long.parseLong(lengthHeader.trim()) != bytes.length) {
            problem(exchange, 400, "incomplete-body", "The body ended before Content-Length bytes.");
            return;
        }
        String name = query.get("name");
        if (name == null) {
            name = exchange.getRequestHeaders().getFirst("X-File-Name");
        }
        UUID fileId = UUID.randomUUID();
        StoredFile file = new StoredFile(fileId, bytes, contentType, name == null || name.isBlank() ? null : name,
                sha256(bytes), owner, replication, Instant.now());
        files.put(fileId, file);
        exchange.getResponseHeaders().set("Location", PATH + "/" + fileId);
        json(exchange, 201, manifest(file));
    }

    private static void download(HttpExchange exchange, StoredFile file, boolean head) throws IOException {
        String etag = "\"" + file.sha256() + "\"";
        var headers = exchange.getResponseHeaders();
        if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            headers.set("ETag", etag);
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        long size = file.bytes().length;
        long[] range = range(exchange.getRequestHeaders().getFirst("Range"), size);
        if (range == null) {
            headers.set("Content-Range", "bytes */" + size);
            problem(exchange, 416, "range-not-satisfiable", "The range lies outside the file's " + size + " bytes.");
            return;
        }
        boolean partial = range[0] != 0 || range[1] != size || range[2] == 1;
        headers.set("Content-Type", file.contentType());
        headers.set("ETag", etag);
        headers.set("Accept-Ranges", "bytes");
        headers.set("Cache-Control", "private, max-age=0, must-revalidate");
        if (partial) {
            headers.set("Content-Range", "bytes " + range[0] + "-" + (range[1] - 1) + "/" + size);
        }
        long length = range[1] - range[0];
        int status = partial ? 206 : 200;
        if (head) {
            headers.set("Content-Length", Long.toString(length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
        if (length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(file.bytes(), (int) range[0], (int) length);
            }
        }
    }

    /**
     * {@code [start, end, partial]} as the controller resolves it: a malformed or multi-range header means the
     * whole file; null when unsatisfiable.
     */
    static long[] range(String header, long size) {
        long[] whole = { 0, size, 0 };
        if (header == null) {
            return whole;
        }
        Matcher m = RANGE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return whole;
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                return suffix == 0 || size == 0 ? null : new long[] { Math.max(0, size - suffix), size, 1 };
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? size - 1 : Long.parseLong(m.group(2));
            if (!m.group(2).isEmpty() && last < first) {
                return whole;
            }
            if (first >= size) {
                return null;
            }
            return new long[] { first, Math.min(last, size - 1) + 1, 1 };
        }
        catch (NumberFormatException ex) {
            return whole;
        }
    }

    // ------------------------------------------------------------------ bodies

    private static Map<String, Object> manifest(StoredFile file) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("fileId", file.fileId().toString());
        if (file.name() != null) {
            manifest.put("name", file.name());
        }
        manifest.put("contentType", file.contentType());
        manifest.put("size", file.bytes().length);
        manifest.put("sha256", file.sha256());
        manifest.put("chunkSize", CHUNK_SIZE);
        manifest.put("replication", file.replication());
        manifest.put("status", "AVAILABLE");
        manifest.put("createdAt", file.createdAt().toString());
        manifest.put("completedAt", file.createdAt().toString());
        StringBuilder chunks = new StringBuilder("[");
        int length = file.bytes().length;
        for (int index = 0, offset = 0; offset < length; index++, offset += CHUNK_SIZE) {
            int size = Math.min(CHUNK_SIZE, length - offset);
            byte[] chunk = java.util.Arrays.copyOfRange(file.bytes(), offset, offset + size);
            chunks.append(index == 0 ? "" : ",").append("{\"index\":").append(index).append(",\"chunkId\":\"")
                    .append(sha256(chunk)).append("\",\"size\":").append(size).append(",\"offset\":").append(offset)
                    .append(",\"replicas\":[\"in-memory\"],\"copies\":[{\"nodeId\":\"in-memory\",\"status\":\"COMPLETED\"}]}");
        }
        manifest.put("chunks", new RawJson(chunks.append("]").toString()));
        return manifest;
    }

    private record RawJson(String json) {
    }

    private static void problem(HttpExchange exchange, int status, String slug, String detail) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://smartlinkauto.com/problems/" + slug);
        body.put("title", title(status));
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", exchange.getRequestURI().getPath());
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        write(exchange, status, toJson(body));
    }

    private static void json(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        write(exchange, status, toJson(body));
    }

    private static void write(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 415 -> "Unsupported Media Type";
            case 416 -> "Range Not Satisfiable";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }

    private static String toJson(Map<String, Object> values) {
        StringBuilder json = new StringBuilder("{");
        values.forEach((key, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(quote(key)).append(':');
            if (value instanceof RawJson raw) {
                json.append(raw.json());
            }
            else if (value instanceof Number) {
                json.append(value);
            }
            else {
                json.append(value == null ? "null" : quote(value.toString()));
            }
        });
        return json.append('}').toString();
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(key, value);
        }
        return values;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
