package com.smartlinkauto.payment.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.smartlinkauto.payment.BookingServiceStub;
import com.smartlinkauto.payment.PaymentTestSupport;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The sandbox's deliveries retry like Stripe's: the webhook receiver (a proxy in front of the service's endpoint)
 * fails the first two attempts, and the event arrives on the third, after waits of about 1 s and 2 s, each attempt
 * signed afresh.
 */
class SandboxRetryIT extends PaymentTestSupport {

    private static final FlakyReceiver receiver = new FlakyReceiver();

    @DynamicPropertySource
    static void flakyWebhook(DynamicPropertyRegistry registry) {
        registry.add("payments.sandbox.webhook-url", receiver::url);
        registry.add("payments.sandbox.delivery-interval", () -> "200ms");
    }

    @BeforeEach
    void target() {
        receiver.target = "http://127.0.0.1:" + port + "/api/payments/webhook";
    }

    @AfterAll
    static void stop() {
        receiver.server.stop(0);
    }

    @Test
    void aFailingEndpointIsRetriedWithBackoffUntilTheEventIsDelivered() {
        Party renter = renter();
        BookingServiceStub.Booking booking = bookings.held(renter.id(), "60.00", "EUR");
        String url = checkout(renter, booking.id()).expect(201).text("checkoutUrl");
        receiver.failNext(2);
        api.post(url.substring(url.indexOf("/payments/sandbox/")) + "/pay").form("cardNumber", "4242424242424242")
                .send().expect(200);

        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> count("select count(*) from payment where booking_id = ?", booking.id()) == 1);
        List<Attempt> attempts = receiver.attempts;
        assertThat(attempts).hasSizeGreaterThanOrEqualTo(3);
        assertThat(attempts.get(0).status()).isEqualTo(503);
        assertThat(attempts.get(1).status()).isEqualTo(503);
        assertThat(attempts.get(2).status()).isEqualTo(200);
        assertThat(attempts.get(1).atMillis() - attempts.get(0).atMillis()).isGreaterThanOrEqualTo(900);
        assertThat(attempts.get(2).atMillis() - attempts.get(1).atMillis()).isGreaterThanOrEqualTo(1900);
        assertThat(attempts.stream().map(Attempt::signature).distinct()).hasSize(attempts.size());
        assertThat(count("select attempts from sandbox_webhook_delivery where type = 'checkout.session.completed' "
                + "and delivered_at is not null and payload like ?", "%" + booking.id() + "%")).isEqualTo(3);
    }

    record Attempt(long atMillis, int status, String signature) {
    }

    /** Answers 503 to the first {@code n} deliveries, then forwards them to the service's webhook endpoint. */
    static final class FlakyReceiver {

        final HttpServer server;
        final List<Attempt> attempts = new CopyOnWriteArrayList<>();
        final HttpClient http = HttpClient.newHttpClient();
        volatile String target;
        volatile int failures;

        FlakyReceiver() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
            server.createContext("/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhook";
        }

        void failNext(int n) {
            failures = n;
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String signature = exchange.getRequestHeaders().getFirst("Stripe-Signature");
                long now = System.currentTimeMillis();
                int status;
                byte[] answer;
                if (failures > 0) {
                    failures--;
                    status = 503;
                    answer = "{}".getBytes();
                }
                else {
                    HttpResponse<byte[]> response;
                    try {
                        response = http.send(HttpRequest.newBuilder(URI.create(target))
                                .header("Content-Type", "application/json").header("Stripe-Signature", signature)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    status = response.statusCode();
                    answer = response.body();
                }
                attempts.add(new Attempt(now, status, signature));
                exchange.sendResponseHeaders(status, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        }
    }
}
