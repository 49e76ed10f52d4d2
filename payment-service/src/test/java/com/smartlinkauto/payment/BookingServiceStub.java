package com.smartlinkauto.payment;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokenVerifier;
import com.smartlinkauto.testsupport.security.TestTokens;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * booking-service's internal read over real HTTP, as payment-service calls it: {@code GET /internal/bookings/{id}} in
 * booking-service's answer shape, for bookings a test registers, only with payment-service's service token for
 * {@code booking-service} (checked against the test JVM's key; anything else 401). A booking can be made failing
 * (503), so booking-service looks down.
 */
public final class BookingServiceStub implements AutoCloseable {

    private static BookingServiceStub shared;

    /** A booking as booking-service describes it. */
    public record Booking(UUID id, String status, UUID vehicleId, UUID renterId, UUID partnerId, BigDecimal total,
            String currency, Instant holdExpiresAt) {

        public Booking withStatus(String status) {
            return new Booking(id, status, vehicleId, renterId, partnerId, total, currency, holdExpiresAt);
        }

        public Booking withHoldExpiresAt(Instant at) {
            return new Booking(id, status, vehicleId, renterId, partnerId, total, currency, at);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "booking-service-stub");
        thread.setDaemon(true);
        return thread;
    });
    private final JwtDecoder tokens = ServiceTokenVerifier.withPublicKey(TestTokens.publicKey(), TestTokens.ISSUER,
            "booking-service").decoder();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<UUID, Booking> bookings = new ConcurrentHashMap<>();
    private final Map<UUID, Boolean> failing = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();

    public BookingServiceStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server.setExecutor(executor);
        server.createContext("/internal/bookings/", this::handle);
        server.start();
    }

    public static synchronized BookingServiceStub shared() {
        if (shared == null) {
            shared = new BookingServiceStub();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "booking-service-stub-stop"));
        }
        return shared;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A new HELD booking of {@code renterId}: {@code total} {@code currency}, its hold running 10 more minutes. */
    public Booking held(UUID renterId, String total, String currency) {
        return put(new Booking(UUID.randomUUID(), "HELD", UUID.randomUUID(), renterId, UUID.randomUUID(),
                new BigDecimal(total), currency, Instant.now().plus(Duration.ofMinutes(10))));
    }

    public Booking put(Booking booking) {
        bookings.put(booking.id(), booking);
        return booking;
    }

    /** booking-service answers 503 for this booking (down, as far as the caller can tell). */
    public void fail(UUID bookingId) {
        failing.put(bookingId, true);
    }

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
            if (header == null || !header.startsWith("Bearer ") || !fromPaymentService(header.substring(7))) {
                refused.incrementAndGet();
                write(exchange, 401, Map.of("status", 401));
                return;
            }
            UUID id;
            try {
                id = UUID.fromString(exchange.getRequestURI().getPath().substring("/internal/bookings/".length()));
            }
            catch (IllegalArgumentException ex) {
                write(exchange, 400, Map.of("status", 400));
                return;
            }
            if (failing.containsKey(id)) {
                write(exchange, 503, Map.of("status", 503));
                return;
            }
            Booking b = bookings.get(id);
            if (b == null) {
                write(exchange, 404, Map.of("status", 404));
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", b.id());
            body.put("status", b.status());
            body.put("vehicleId", b.vehicleId());
            body.put("renterId", b.renterId());
            body.put("partnerId", b.partnerId());
            body.put("pickupAt", Instant.now().plus(Duration.ofDays(3)).toString());
            body.put("returnAt", Instant.now().plus(Duration.ofDays(5)).toString());
            body.put("total", b.total());
            body.put("totalMinor", b.total().movePointRight(java.util.Currency.getInstance(b.currency())
                    .getDefaultFractionDigits()).longValueExact());
            body.put("currency", b.currency());
            body.put("holdExpiresAt", b.holdExpiresAt() == null ? null : b.holdExpiresAt().toString());
            body.put("paymentReference", null);
            write(exchange, 200, body);
        }
    }

    private boolean fromPaymentService(String token) {
        try {
            Jwt jwt = tokens.decode(token);
            return "payment-service".equals(jwt.getSubject());
        }
        catch (JwtException ex) {
            return false;
        }
    }

    private void write(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
