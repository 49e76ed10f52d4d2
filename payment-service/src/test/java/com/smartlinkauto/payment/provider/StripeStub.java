package com.smartlinkauto.payment.provider;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * Stripe's API as far as payment-service uses it, over real HTTP: {@code POST /v1/checkout/sessions},
 * {@code POST /v1/checkout/sessions/{id}/expire}, {@code POST /v1/refunds}, answering in Stripe's shapes and keeping
 * every request (path, form fields, headers). Refunds can be made to fail a number of times first (500).
 */
final class StripeStub implements AutoCloseable {

    /** One request as Stripe would have received it. */
    record Call(String path, Map<String, String> form, String idempotencyKey, String authorization) {
    }

    private final HttpServer server;
    private final JsonMapper json = JsonMapper.builder().build();
    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger refundFailures = new AtomicInteger();

    StripeStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        server.createContext("/v1/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void failRefunds(int times) {
        refundFailures.set(times);
    }

    List<Call> calls(String path) {
        return calls.stream().filter(c -> c.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            calls.add(new Call(path, form, exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    exchange.getRequestHeaders().getFirst("Authorization")));
            Map<String, Object> body = new LinkedHashMap<>();
            if (path.equals("/v1/checkout/sessions")) {
                String id = "cs_test_stub_" + sessions.incrementAndGet();
                body.put("id", id);
                body.put("object", "checkout.session");
                body.put("url", "https://checkout.stripe.com/c/pay/" + id);
                body.put("status", "open");
                body.put("payment_status", "unpaid");
                body.put("mode", "payment");
                body.put("expires_at", Long.parseLong(form.get("expires_at")));
                body.put("client_reference_id", form.get("client_reference_id"));
                write(exchange, 200, body);
            }
            else if (path.startsWith("/v1/checkout/sessions/") && path.endsWith("/expire")) {
                body.put("id", path.split("/")[4]);
                body.put("object", "checkout.session");
                body.put("status", "expired");
                write(exchange, 200, body);
            }
            else if (path.equals("/v1/refunds")) {
                if (refundFailures.getAndDecrement() > 0) {
                    write(exchange, 500, Map.of("error", Map.of("type", "api_error", "message", "stub failure")));
                    return;
                }
                body.put("id", "re_stub_" + calls.size());
                body.put("object", "refund");
                body.put("status", "succeeded");
                body.put("amount", Long.parseLong(form.get("amount")));
                body.put("payment_intent", form.get("payment_intent"));
                write(exchange, 200, body);
            }
            else {
                write(exchange, 404, Map.of("error", Map.of("type", "invalid_request_error", "message", "no route")));
            }
        }
    }

    private void write(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Request-Id", "req_stub");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
