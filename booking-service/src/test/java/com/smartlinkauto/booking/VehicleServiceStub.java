package com.smartlinkauto.booking;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokenVerifier;
import com.smartlinkauto.testsupport.security.TestTokens;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * vehicle-service's internal API over real HTTP, as booking-service calls it: {@code GET /internal/vehicles/{id}} and
 * {@code GET /internal/vehicles/{id}/blackouts} in vehicle-service's answer shapes, for vehicles a test registers, and
 * only with a service token for {@code vehicle-service} (checked like vehicle-service checks it, against the test
 * JVM's key; anything else 401), with the vehicle's city since vehicle-service answers it (not in the legacy shape). A vehicle can be made slow, failing (503) or unreachable (the connection dropped).
 */
public final class VehicleServiceStub implements AutoCloseable {

    private static VehicleServiceStub shared;

    /** The city of a vehicle whose city a test did not set. */
    public static final String DEFAULT_CITY = "Berlin";

    /** A vehicle as vehicle-service would describe it. */
    public record Vehicle(UUID id, UUID partnerId, String status, boolean bookable, BigDecimal price, String currency,
            int turnaroundMinutes, List<Blackout> blackouts) {

        public Vehicle withBlackouts(List<Blackout> blackouts) {
            return new Vehicle(id, partnerId, status, bookable, price, currency, turnaroundMinutes, blackouts);
        }

        public Vehicle notBookable(String status) {
            return new Vehicle(id, partnerId, status, false, price, currency, turnaroundMinutes, blackouts);
        }
    }

    public record Blackout(Instant from, Instant to) {
    }

    /** How the stub answers for one vehicle. */
    public enum Behaviour {
        NORMAL, FAILING, DROPPING
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "vehicle-service-stub");
        thread.setDaemon(true);
        return thread;
    });
    private final JwtDecoder tokens = ServiceTokenVerifier.withPublicKey(TestTokens.publicKey(), TestTokens.ISSUER,
            "vehicle-service").decoder();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<UUID, Vehicle> vehicles = new ConcurrentHashMap<>();
    private final Map<UUID, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<UUID, Duration> delays = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<UUID, String> cities = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile boolean legacy;

    public VehicleServiceStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server.setExecutor(executor);
        server.createContext("/internal/vehicles/", this::handle);
        server.start();
    }

    /** One stub for the whole test JVM. */
    public static synchronized VehicleServiceStub shared() {
        if (shared == null) {
            shared = new VehicleServiceStub();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "vehicle-service-stub-stop"));
        }
        return shared;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A new bookable vehicle of a new partner: 49.90 EUR a day, 60 minutes' turnaround. */
    public Vehicle bookable() {
        return put(new Vehicle(UUID.randomUUID(), UUID.randomUUID(), "ACTIVE", true, new BigDecimal("49.90"), "EUR", 60,
                List.of()));
    }

    public Vehicle put(Vehicle vehicle) {
        vehicles.put(vehicle.id(), vehicle);
        return vehicle;
    }

    /** The vehicle's city in its read ({@value #DEFAULT_CITY} unless set; none in the legacy answer). */
    public void city(UUID vehicleId, String city) {
        cities.put(vehicleId, city);
    }

    public void behave(UUID vehicleId, Behaviour behaviour) {
        behaviours.put(vehicleId, behaviour);
    }

    /**
     * Answer like a vehicle-service from before the blackouts were part of {@code GET /internal/vehicles/{id}}
     * (only {@code …/blackouts} has them), as during a rolling update.
     */
    public void legacy(boolean legacy) {
        this.legacy = legacy;
    }

    /** Every answer about this vehicle takes {@code delay} first. */
    public void delay(UUID vehicleId, Duration delay) {
        delays.put(vehicleId, delay);
    }

    /** Requests that reached the stub for this vehicle (both paths), with a valid token. */
    public int calls(UUID vehicleId) {
        AtomicInteger count = calls.get(vehicleId);
        return count == null ? 0 : count.get();
    }

    /** Requests refused for a missing or wrong token. */
    public int refused() {
        return refused.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String header = exchange.getRequestHeaders().getFirst("Authorization");
            if (header == null || !header.startsWith("Bearer ") || !valid(header.substring(7))) {
                refused.incrementAndGet();
                write(exchange, 401, Map.of("type", "https://smartlinkauto.com/problems/unauthorized", "status", 401));
                return;
            }
            String[] path = exchange.getRequestURI().getPath().substring("/internal/vehicles/".length()).split("/");
            UUID id;
            try {
                id = UUID.fromString(path[0]);
            }
            catch (IllegalArgumentException ex) {
                write(exchange, 400, Map.of("status", 400));
                return;
            }
            calls.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
            Duration delay = delays.get(id);
            if (delay != null) {
                try {
                    Thread.sleep(delay.toMillis()); // a slow vehicle-service, not a test waiting
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            Behaviour behaviour = behaviours.getOrDefault(id, Behaviour.NORMAL);
            if (behaviour == Behaviour.DROPPING) {
                return; // closed without an answer
            }
            if (behaviour == Behaviour.FAILING) {
                write(exchange, 503, Map.of("type", "https://smartlinkauto.com/problems/service-unavailable",
                        "status", 503));
                return;
            }
            Vehicle vehicle = vehicles.get(id);
            if (vehicle == null) {
                write(exchange, 404, Map.of("type", "https://smartlinkauto.com/problems/not-found", "status", 404));
                return;
            }
            if (path.length == 2 && path[1].equals("blackouts")) {
                write(exchange, 200, Map.of("vehicleId", id, "blackouts", vehicle.blackouts()));
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", id);
            body.put("partnerId", vehicle.partnerId());
            body.put("status", vehicle.status());
            body.put("bookable", vehicle.bookable());
            body.put("basePricePerDay", vehicle.price());
            body.put("currency", vehicle.currency());
            body.put("turnaroundMinutes", vehicle.turnaroundMinutes());
            if (!legacy) {
                body.put("blackouts", vehicle.blackouts());
                body.put("city", cities.getOrDefault(id, DEFAULT_CITY));
            }
            write(exchange, 200, body);
        }
    }

    private boolean valid(String token) {
        try {
            tokens.decode(token);
            return true;
        }
        catch (JwtException ex) {
            return false;
        }
    }

    private void write(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type",
                status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
