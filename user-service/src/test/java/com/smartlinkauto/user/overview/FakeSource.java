package com.smartlinkauto.user.overview;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real local HTTP server standing in for one of the overview's sources (vehicle-service, booking-service, the
 * storage controller) in user-service's ITs, on a port that stays its own: it answers a given status and body on
 * its one path, answers late, never answers (a hung service), or is {@link #down() down} — its socket closed, so
 * nothing listens on the port and connecting is refused. It records every request's path and bearer token.
 */
public final class FakeSource implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the next requests get. */
    private record Behaviour(int status, String body, Duration delay, boolean hang) {
    }

    public record Request(String path, String authorization) {

        /** The bearer token's claims (not verified: user-service minted it; the callee's own ITs verify). */
        public JsonNode claims() {
            String token = authorization.substring("Bearer ".length());
            return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        }
    }

    private final String path;
    private final String defaultBody;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Behaviour behaviour;
    private volatile CountDownLatch released = new CountDownLatch(1);
    private int port;
    private HttpServer server;
    private ExecutorService executor;

    public FakeSource(String path, String defaultBody) {
        this.path = path;
        this.defaultBody = defaultBody;
        this.behaviour = new Behaviour(200, defaultBody, Duration.ZERO, false);
    }

    /** Starts on 127.0.0.1 (a free port the first time, the same port after {@link #down()}); returns this. */
    public synchronized FakeSource up() {
        if (server != null) {
            return this;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 32);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        port = server.getAddress().getPort();
        executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "fake-source-" + port);
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    /** Closes the listening socket: connecting to {@link #baseUrl()} is refused until {@link #up()}. */
    public synchronized FakeSource down() {
        if (server != null) {
            released.countDown();
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Every request answers {@code status} with {@code body} (JSON). */
    public FakeSource answer(int status, String body) {
        behaviour = new Behaviour(status, body, Duration.ZERO, false);
        return this;
    }

    /** The documented answer, after {@code delay}. */
    public FakeSource answerAfter(Duration delay) {
        behaviour = new Behaviour(200, defaultBody, delay, false);
        return this;
    }

    /** Accepts requests and never answers them (until {@link #reset()}). */
    public FakeSource hang() {
        behaviour = new Behaviour(200, defaultBody, Duration.ZERO, true);
        return this;
    }

    /** Up, answering the documented body at once; hung requests are let go; the request log emptied. */
    public FakeSource reset() {
        requests.clear();
        CountDownLatch old = released;
        released = new CountDownLatch(1);
        old.countDown();
        behaviour = new Behaviour(200, defaultBody, Duration.ZERO, false);
        return up();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public int requestCount() {
        return requests.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.add(new Request(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization")));
            Behaviour now = behaviour;
            CountDownLatch latch = released;
            if (now.hang()) {
                latch.await(10, TimeUnit.MINUTES);
                return;
            }
            if (!now.delay().isZero()) {
                latch.await(now.delay().toMillis(), TimeUnit.MILLISECONDS);
            }
            boolean known = exchange.getRequestURI().getPath().equals(path);
            byte[] body = (known ? now.body() : "{\"status\":404}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(known ? now.status() : 404, body.length);
            exchange.getResponseBody().write(body);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        down();
    }
}
