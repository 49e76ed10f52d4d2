package com.smartlinkauto.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running platform as a client sees it: the gateway (the only public entry) plus, for checks of
 * the platform itself, Eureka and the config server. Addresses come from system properties that
 * {@code ./smartlink test} passes through Maven.
 */
public final class Platform {

    public static final String GATEWAY = System.getProperty("smartlink.gateway.url", "http://127.0.0.1:8080");
    public static final String EUREKA = System.getProperty("smartlink.eureka.url", "http://127.0.0.1:8761");
    public static final String CONFIG = System.getProperty("smartlink.config.url", "http://127.0.0.1:8888");
    /** The gateway's actuator (health, Prometheus): its management port, never the public one. */
    public static final String GATEWAY_MANAGEMENT = System.getProperty("smartlink.gateway.management.url",
            "http://127.0.0.1:8090");

    public static final JsonMapper JSON = JsonMapper.builder().build();

    public static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private Platform() {
    }

    public static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    }

    public static HttpRequest.Builder gateway(String path) {
        return request(GATEWAY + path);
    }

    /**
     * Sends a request. A GET or HEAD that gets no answer within its time-out is asked once more: the JDK's
     * HttpClient (JDK 25) now and then leaves one exchange on a pooled keep-alive connection unanswered while
     * the server is idle (seen in loaded CI runs; booking-service's own vehicle reads hit the same and moved to
     * Apache HttpClient). What the tests assert is the platform's answer, not that transport hiccup; a second
     * time-out still fails the test.
     */
    public static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpRequest built = request.build();
            try {
                return HTTP.send(built, HttpResponse.BodyHandlers.ofString());
            }
            catch (java.net.http.HttpTimeoutException ex) {
                if (!built.method().equals("GET") && !built.method().equals("HEAD")) {
                    throw ex;
                }
                System.err.println("e2e: " + built.method() + " " + built.uri() + " got no answer within its time-out; "
                        + "asking once more");
                return HTTP.send(built, HttpResponse.BodyHandlers.ofString());
            }
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Like {@link #send}, the body as bytes (downloads). */
    public static HttpResponse<byte[]> sendBytes(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** A {@code multipart/form-data} request body with one file part. */
    public static HttpRequest.Builder multipart(HttpRequest.Builder request, String part, String filename,
            String contentType, byte[] content) {
        String boundary = "e2e-" + java.util.UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                + filename + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return request.header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /**
     * A value of the runner's {@code .smartlink/secrets.env} (found by walking up from the working directory),
     * e.g. the registry's dashboard password; empty when there is none.
     */
    public static java.util.Optional<String> secret(String key) {
        java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null) {
            java.nio.file.Path file = dir.resolve(".smartlink/secrets.env");
            if (java.nio.file.Files.isReadable(file)) {
                try {
                    return java.nio.file.Files.readAllLines(file).stream().map(String::trim)
                            .filter(line -> line.startsWith(key + "="))
                            .map(line -> line.substring(key.length() + 1)).filter(v -> !v.isBlank()).findFirst();
                }
                catch (java.io.IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            }
            dir = dir.getParent();
        }
        return java.util.Optional.empty();
    }

    /** An HTTP Basic {@code Authorization} header value. */
    public static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
