package com.smartlinkauto.storagenode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;

import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokenVerifier;
import com.smartlinkauto.testsupport.security.TestTokens;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;

/**
 * A stand-in for storage-controller-service's internal node API (JDK HttpServer): records heartbeats
 * and chunk reports (with the caller's service token subject and the node's {@code X-Node-Key}), can ask for a
 * full report in its next heartbeat answer, and, like the controller, answers the registered nodes: every node
 * that sent a heartbeat plus the base URLs a test {@link #register(String)}s, with a version that changes with
 * the list. Like the controller it takes only service tokens for storage-controller-service (401 otherwise).
 */
public final class ControllerStub implements AutoCloseable {

    private static ControllerStub shared;

    private final HttpServer server;
    private final ServiceTokenVerifier verifier = ServiceTokenVerifier.withPublicKey(TestTokens.publicKey(),
            TestTokens.ISSUER, "storage-controller-service");
    private final List<JsonNode> heartbeats = new CopyOnWriteArrayList<>();
    private final List<JsonNode> reports = new CopyOnWriteArrayList<>();
    private final Map<String, String> nodeKeys = new ConcurrentHashMap<>();
    private final List<String> callers = new CopyOnWriteArrayList<>();
    private final Map<String, String> registered = new ConcurrentHashMap<>();
    private final AtomicInteger unauthorized = new AtomicInteger();
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
        server.createContext("/internal/storage/nodes", this::handle);
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
            byte[] bytes = body.readAllBytes();
            String caller = caller(exchange.getRequestHeaders().getFirst("Authorization"));
            if (caller == null) {
                unauthorized.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            callers.add(caller);
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if ("GET".equals(method) && path.equals("/internal/storage/nodes")) {
                answer(exchange, "{" + nodeList() + "}");
            }
            else if ("POST".equals(method) && path.endsWith("/heartbeat")) {
                JsonNode json = NodeClient.JSON.readTree(bytes);
                heartbeats.add(json);
                nodeKeys.put(json.path("nodeId").asString(), String.valueOf(exchange.getRequestHeaders().getFirst("X-Node-Key")));
                registered.putIfAbsent(json.path("baseUrl").asString(), json.path("nodeId").asString());
                String known = json.path("knownNodesVersion").asString(null);
                answer(exchange, "{\"requestFullReport\":" + askForReport.getAndSet(false)
                        + (version().equals(known) ? ",\"nodesVersion\":\"" + version() + "\"" : "," + nodeList()) + "}");
            }
            else if ("PUT".equals(method) && path.endsWith("/chunks")) {
                reports.add(NodeClient.JSON.readTree(bytes));
                exchange.sendResponseHeaders(204, -1);
            }
            else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] answer = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
    }

    private String caller(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        try {
            Jwt jwt = verifier.decoder().decode(authorization.substring(7));
            return jwt.getSubject();
        }
        catch (JwtException ex) {
            return null;
        }
    }

    private synchronized String nodeList() {
        StringBuilder list = new StringBuilder("\"nodesVersion\":\"" + version() + "\",\"nodes\":[");
        registered.forEach((url, id) -> list.append(list.charAt(list.length() - 1) == '[' ? "" : ",")
                .append("{\"nodeId\":\"").append(id).append("\",\"baseUrl\":\"").append(url).append("\"}"));
        return list.append("]").toString();
    }

    private String version() {
        return Integer.toHexString(Set.copyOf(registered.keySet()).hashCode());
    }

    /** A base URL the nodes may send chunks to from now on (a node this stub never heard from). */
    public void register(String baseUrl) {
        registered.putIfAbsent(baseUrl, "registered-" + registered.size());
    }

    /** Waits until each node's latest heartbeat says it holds the current registered-node list. */
    public void awaitKnownBy(String... nodeIds) {
        String current = version();
        Awaitility.await("registered nodes known").atMost(Duration.ofSeconds(15)).until(() -> {
            for (String nodeId : nodeIds) {
                List<JsonNode> beats = heartbeatsOf(nodeId);
                if (beats.isEmpty() || !current.equals(beats.get(beats.size() - 1).path("knownNodesVersion").asString(null))) {
                    return false;
                }
            }
            return true;
        });
    }

    public List<JsonNode> heartbeatsOf(String nodeId) {
        return heartbeats.stream().filter(h -> nodeId.equals(h.path("nodeId").asString())).toList();
    }

    public List<JsonNode> reportsOf(String nodeId) {
        return reports.stream().filter(r -> nodeId.equals(r.path("nodeId").asString())).toList();
    }

    /** The X-Node-Key of the node's last heartbeat. */
    public String nodeKeyOf(String nodeId) {
        return nodeKeys.get(nodeId);
    }

    /** Client ids of the accepted calls. */
    public List<String> callers() {
        return List.copyOf(callers);
    }

    public int unauthorizedCalls() {
        return unauthorized.get();
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
