package com.smartlinkauto.payment.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.smartlinkauto.payment.config.PaymentProperties;
import com.smartlinkauto.servicedefaults.jobs.DueJob;
import com.stripe.net.Webhook;

import net.javacrumbs.shedlock.core.LockProvider;

/**
 * The sandbox's outgoing webhooks, delivered like Stripe's (https://docs.stripe.com/webhooks#retries): queued in the
 * transaction of the change that caused them, POSTed with a {@code Stripe-Signature} made afresh for every attempt
 * (a fresh timestamp, so a retry is never stale), and on a non-2xx answer or no answer tried again after 1 s, 2 s,
 * 4 s … (capped at {@code payments.sandbox.max-backoff}) until {@code max-attempts}. One runner across instances
 * ({@code sandbox-webhook-delivery} in the {@code shedlock} table).
 */
public class SandboxDeliveries {

    private static final Logger log = LoggerFactory.getLogger(SandboxDeliveries.class);
    private static final int BATCH = 20;

    private final JdbcClient jdbc;
    private final PaymentProperties.Sandbox config;
    private final Environment environment;
    private final Clock clock;
    private final HttpClient http;
    private final DueJob job;

    SandboxDeliveries(JdbcClient jdbc, PaymentProperties properties, Environment environment, Clock clock,
            LockProvider lockProvider) {
        this.jdbc = jdbc;
        this.config = properties.sandbox();
        this.environment = environment;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        this.job = new DueJob("sandbox-webhook-delivery", Duration.ofMinutes(5), config.deliveryInterval(),
                lockProvider);
    }

    /** Queues the event, due after {@code payments.sandbox.first-delivery-delay} (in the caller's transaction). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueue(SandboxEvents.Built event, UUID sessionId) {
        enqueue(event, sessionId, Duration.ZERO);
    }

    /** Queues the event, due after the first-delivery delay plus {@code extraDelay} (in the caller's transaction). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueue(SandboxEvents.Built event, UUID sessionId, Duration extraDelay) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Duration delay = config.firstDeliveryDelay().plus(extraDelay);
        job.due().wakeAfterCommit(delay);
        jdbc.sql("insert into sandbox_webhook_delivery (id, event_id, type, session_id, payload, attempts, "
                + "next_attempt_at, created_at) values (?, ?, ?, ?, ?, 0, ?, ?)")
                .params(UUID.randomUUID(), event.id(), event.type(), sessionId, event.payload(),
                        Timestamp.from(now.plus(delay)), Timestamp.from(now))
                .update();
    }

    /** Whether a {@code type} event is queued or sent for the session already. */
    boolean queued(UUID sessionId, String type) {
        return jdbc.sql("select count(*) from sandbox_webhook_delivery where session_id = ? and type = ?")
                .params(sessionId, type).query(Long.class).single() > 0;
    }

    /**
     * Delivers what is due when this instance queued an event (once its transaction committed and its delay
     * passed), when a failed delivery's back-off ends, and at the latest every {@code delivery-interval} (events
     * another instance queued, a restart); a tick with nothing due does no query.
     */
    @Scheduled(fixedDelayString = "${payments.sandbox.delivery-tick:200ms}", initialDelayString = "1s")
    public void tick() {
        job.tick(this::deliverDue);
    }

    /** Sends up to a batch of due deliveries (the caller holds the job's lock). */
    private void deliverDue() {
        Instant now = clock.instant();
        List<Due> due = jdbc.sql("select id, event_id, payload, attempts from sandbox_webhook_delivery "
                + "where delivered_at is null and attempts < ? and next_attempt_at <= ? order by next_attempt_at "
                + "limit ?").params(config.maxAttempts(), Timestamp.from(now), BATCH)
                .query((rs, row) -> new Due(rs.getObject("id", UUID.class), rs.getString("event_id"),
                        rs.getString("payload"), rs.getInt("attempts")))
                .list();
        due.forEach(this::deliver);
        if (due.size() == BATCH) {
            job.due().wake();
        }
    }

    private void deliver(Due delivery) {
        int attempts = delivery.attempts() + 1;
        String error;
        try {
            String signature = Webhook.Signature.generateSignatureHeader(delivery.payload(), config.webhookSecret(),
                    clock.instant().getEpochSecond());
            HttpRequest request = HttpRequest.newBuilder(target()).timeout(config.timeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "SmartLink-Sandbox/1.0 (like Stripe/1.0)")
                    .header("Stripe-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                jdbc.sql("update sandbox_webhook_delivery set attempts = ?, delivered_at = ?, last_error = null "
                        + "where id = ?").params(attempts, Timestamp.from(clock.instant()), delivery.id()).update();
                log.debug("Sandbox webhook {} delivered (attempt {})", delivery.eventId(), attempts);
                return;
            }
            error = "HTTP " + response.statusCode() + ": " + abbreviate(response.body());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return;
        }
        catch (Exception ex) {
            error = ex.toString();
        }
        Duration backoff = backoff(attempts);
        if (attempts >= config.maxAttempts()) {
            log.error("Sandbox webhook {} given up after {} attempts: {}", delivery.eventId(), attempts, error);
        }
        else {
            log.warn("Sandbox webhook {} not delivered (attempt {}), next in {}: {}", delivery.eventId(), attempts,
                    backoff, error);
            job.due().wakeWithin(backoff);
        }
        jdbc.sql("update sandbox_webhook_delivery set attempts = ?, next_attempt_at = ?, last_error = ? where id = ?")
                .params(attempts, Timestamp.from(clock.instant().plus(backoff)), abbreviate(error), delivery.id())
                .update();
    }

    /** 1 s, 2 s, 4 s … after the 1st, 2nd, 3rd failure, at most {@code max-backoff}. */
    Duration backoff(int failures) {
        long factor = 1L << Math.min(30, Math.max(0, failures - 1));
        Duration wait = config.initialBackoff().multipliedBy(factor);
        return wait.compareTo(config.maxBackoff()) > 0 || wait.isNegative() ? config.maxBackoff() : wait;
    }

    /** {@code payments.sandbox.webhook-url}, or this instance's own endpoint. */
    private URI target() {
        if (config.webhookUrl() != null) {
            return URI.create(config.webhookUrl());
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8084"));
        return URI.create("http://127.0.0.1:" + port + "/api/payments/webhook");
    }

    private static String abbreviate(String text) {
        return text == null ? null : text.length() > 900 ? text.substring(0, 900) : text;
    }

    private record Due(UUID id, String eventId, String payload, int attempts) {
    }
}
