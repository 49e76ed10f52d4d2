package com.smartlinkauto.payment;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Where the sandbox delivers its webhooks in the ITs: a proxy in front of the service's own webhook endpoint that
 * keeps every attempt (time, answer, signature, body) and can answer 503 to the first deliveries of an event that
 * contains a marker (a booking id), as an endpoint that is briefly down would.
 */
public final class WebhookProxy {

    private static WebhookProxy shared;

    /** One delivery attempt as the receiver saw it. */
    public record Attempt(long atMillis, int status, String signature, String body) {
    }

    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private volatile String target;

    private WebhookProxy() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public static synchronized WebhookProxy shared() {
        if (shared == null) {
            shared = new WebhookProxy();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> shared.server.stop(0), "webhook-proxy-stop"));
        }
        return shared;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhook";
    }

    /** Forwards to this service's endpoint. */
    public void target(int port) {
        target = "http://127.0.0.1:" + port + "/api/payments/webhook";
    }

    /** The next {@code times} deliveries whose body contains {@code marker} are answered 503. */
    public void fail(String marker, int times) {
        failures.put(marker, new AtomicInteger(times));
    }

    public List<Attempt> attempts(String marker) {
        return attempts.stream().filter(a -> a.body().contains(marker)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String text = new String(body, StandardCharsets.UTF_8);
            String signature = exchange.getRequestHeaders().getFirst("Stripe-Signature");
            long now = System.currentTimeMillis();
            int status;
            byte[] answer;
            boolean fail = failures.entrySet().stream()
                    .anyMatch(e -> text.contains(e.getKey()) && e.getValue().getAndDecrement() > 0);
            if (fail || target == null) {
                status = 503;
                answer = "{}".getBytes(StandardCharsets.UTF_8);
            }
            else {
                try {
                    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(target))
                            .header("Content-Type", "application/json").header("Stripe-Signature", signature)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    status = response.statusCode();
                    answer = response.body();
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            attempts.add(new Attempt(now, status, signature, text));
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        }
    }
}
