package com.smartlinkauto.storagenode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;

/**
 * A stand-in for storage-controller-service's internal node API (JDK HttpServer): records heartbeats
 * and chunk reports, and can ask for a full report in its next heartbeat answer.
 */
public final class ControllerStub implements AutoCloseable {

    private static ControllerStub shared;

    private final HttpServer server;
    private final List<JsonNode> heartbeats = new CopyOnWriteArrayList<>();
    private final List<JsonNode> reports = new CopyOnWriteArrayList<>();
    private final AtomicBoolean askForReport = new AtomicBoolean();

    private ControllerStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "controller-stub");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/internal/storage/nodes/", this::handle);
        server.start();
    }

    /** One stub for the whole test JVM (the shared node context points at it). */
    public static synchronized ControllerStub shared() {
        if (shared == null) {
            shared = new ControllerStub();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "controller-stub-stop"));
        }
        return shared;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            String path = exchange.getRequestURI().getPath();
            JsonNode json = NodeClient.JSON.readTree(body.readAllBytes());
            if ("POST".equals(exchange.getRequestMethod()) && path.endsWith("/heartbeat")) {
                heartbeats.add(json);
                byte[] answer = ("{\"requestFullReport\":" + askForReport.getAndSet(false) + "}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            }
            else if ("PUT".equals(exchange.getRequestMethod()) && path.endsWith("/chunks")) {
                reports.add(json);
                exchange.sendResponseHeaders(204, -1);
            }
            else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    public List<JsonNode> heartbeatsOf(String nodeId) {
        return heartbeats.stream().filter(h -> nodeId.equals(h.path("nodeId").asString())).toList();
    }

    public List<JsonNode> reportsOf(String nodeId) {
        return reports.stream().filter(r -> nodeId.equals(r.path("nodeId").asString())).toList();
    }

    /** The next heartbeat answer carries {@code requestFullReport: true}. */
    public void askForFullReport() {
        askForReport.set(true);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
