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
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokenVerifier;
import com.smartlinkauto.testsupport.security.TestTokens;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * vehicle-service's internal API over real HTTP, as booking-service calls it: {@code GET /internal/vehicles/{id}},
 * {@code GET /internal/vehicles/{id}/blackouts} and {@code GET /internal/vehicles?partnerId=} (a partner's vehicles,
 * newest first) in vehicle-service's answer shapes, for vehicles a test registers, and
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
    private final Map<UUID, Long> listedOrder = new ConcurrentHashMap<>();
    private final AtomicLong listings = new AtomicLong();
    private final Map<UUID, Behaviour> partnerBehaviours = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> partnerCalls = new ConcurrentHashMap<>();
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
        server.createContext("/internal/vehicles", this::handlePartnerList);
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
        listedOrder.putIfAbsent(vehicle.id(), listings.incrementAndGet());
        return vehicle;
    }

    /** How {@code GET /internal/vehicles?partnerId=} answers for this partner. */
    public void behavePartner(UUID partnerId, Behaviour behaviour) {
        partnerBehaviours.put(partnerId, behaviour);
    }

    /** Reads of the partner's vehicle list that reached the stub with a valid token. */
    public int partnerCalls(UUID partnerId) {
        AtomicInteger count = partnerCalls.get(partnerId);
        return count == null ? 0 : count.get();
    }

    /** The make the stub lists every vehicle with. */
    public static final String MAKE = "Stubmobile";

    /** The model the stub lists a vehicle with: from its id. */
    public static String model(UUID vehicleId) {
        return "M-" + vehicleId.toString().substring(0, 8);
    }

    /** The plate the stub lists a vehicle with: from its id. */
    public static String plate(UUID vehicleId) {
        return "ST-" + vehicleId.toString().substring(0, 6).toUpperCase(java.util.Locale.ROOT);
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

    /**
     * {@code GET /internal/vehicles?partnerId=&page=&size=}: the partner's vehicles, the last put first (vehicle-service
     * lists newest first), as {@code {items: [{id, make, model, year, licensePlate, city, status, bookable}],
     * totalElements, ...}}.
     */
    private void handlePartnerList(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String header = exchange.getRequestHeaders().getFirst("Authorization");
            if (header == null || !header.startsWith("Bearer ") || !valid(header.substring(7))) {
                refused.incrementAndGet();
                write(exchange, 401, Map.of("type", "https://smartlinkauto.com/problems/unauthorized", "status", 401));
                return;
            }
            if (!exchange.getRequestURI().getPath().equals("/internal/vehicles")) {
                write(exchange, 404, Map.of("status", 404));
                return;
            }
            Map<String, String> query = new LinkedHashMap<>();
            String raw = exchange.getRequestURI().getQuery();
            for (String pair : raw == null ? new String[0] : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
            UUID partner;
            int page;
            int size;
            try {
                partner = UUID.fromString(query.get("partnerId"));
                page = Integer.parseInt(query.getOrDefault("page", "0"));
                size = Integer.parseInt(query.getOrDefault("size", "20"));
            }
            catch (RuntimeException ex) {
                write(exchange, 400, Map.of("status", 400));
                return;
            }
            partnerCalls.computeIfAbsent(partner, key -> new AtomicInteger()).incrementAndGet();
            Behaviour behaviour = partnerBehaviours.getOrDefault(partner, Behaviour.NORMAL);
            if (behaviour == Behaviour.DROPPING) {
                return;
            }
            if (behaviour == Behaviour.FAILING) {
                write(exchange, 503, Map.of("type", "https://smartlinkauto.com/problems/service-unavailable",
                        "status", 503));
                return;
            }
            List<Vehicle> all = vehicles.values().stream().filter(v -> v.partnerId().equals(partner))
                    .sorted(java.util.Comparator.comparing((Vehicle v) -> listedOrder.get(v.id())).reversed())
                    .toList();
            List<Map<String, Object>> items = all.stream().skip((long) page * size).limit(size).map(v -> {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("id", v.id());
                item.put("make", MAKE);
                item.put("model", model(v.id()));
                item.put("year", 2021);
                item.put("licensePlate", plate(v.id()));
                item.put("city", cities.getOrDefault(v.id(), DEFAULT_CITY));
                item.put("status", v.status());
                item.put("bookable", v.bookable());
                return item;
            }).toList();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("items", items);
            body.put("page", page);
            body.put("size", size);
            body.put("totalElements", all.size());
            body.put("totalPages", (all.size() + size - 1) / size);
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
