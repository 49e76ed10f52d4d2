package com.smartlinkauto.payment.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.payment.config.PaymentProperties;
import com.smartlinkauto.payment.payments.PaymentMetrics;
import com.smartlinkauto.payment.provider.PaymentProvider;
import com.smartlinkauto.payment.shared.PaymentProblems;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "payments")
class WebhookController {

    static final String SIGNATURE = "Stripe-Signature";

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    private final WebhookHandler handler;
    private final PaymentProvider provider;
    private final PaymentMetrics metrics;
    private final PaymentProperties properties;
    private final Clock clock;

    WebhookController(WebhookHandler handler, PaymentProvider provider, PaymentMetrics metrics,
            PaymentProperties properties, Clock clock) {
        this.handler = handler;
        this.provider = provider;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping(path = "/api/payments/webhook", produces = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirements
    @Operation(summary = "The payment provider's events (public; signed with Stripe-Signature)",
            description = "The raw body (at most 64 KB) must carry a valid Stripe-Signature (t=<unix seconds>,"
                    + "v1=<HMAC-SHA256 of \"t.body\" with the active provider's webhook secret>) not older than 5 "
                    + "minutes, else 400. The event id and the change it brings are stored in one transaction; 200 only "
                    + "after it committed ({\"duplicate\":true} for an event seen before, which changes nothing), 500 "
                    + "when it could not be stored (send it again). Handled: checkout.session.completed and "
                    + "async_payment_succeeded (paid), checkout.session.expired, checkout.session.async_payment_failed, "
                    + "payment_intent.payment_failed, charge.refunded; other types 200, ignored.")
    Map<String, Object> webhook(
            @Parameter(description = "t=<unix seconds>,v1=<hex HMAC-SHA256>") @RequestHeader(name = SIGNATURE,
                    required = false) String signature,
            @RequestBody(required = false) byte[] body) {
        if (signature == null || signature.isBlank()) {
            metrics.webhook("unknown", "invalid_signature");
            throw PaymentProblems.invalidWebhook("The Stripe-Signature header is missing.");
        }
        if (body == null || body.length == 0) {
            metrics.webhook("unknown", "invalid");
            throw PaymentProblems.invalidWebhook("The body is empty.");
        }
        Event event;
        try {
            event = Webhook.constructEvent(new String(body, StandardCharsets.UTF_8), signature,
                    provider.webhookSecret(), properties.webhookTolerance().toSeconds(), clock);
        }
        catch (SignatureVerificationException ex) {
            metrics.webhook("unknown", "invalid_signature");
            log.warn("Webhook refused: {}", ex.getMessage());
            throw PaymentProblems.invalidWebhook("The Stripe-Signature does not match the body, or is too old.");
        }
        catch (RuntimeException ex) {
            metrics.webhook("unknown", "invalid");
            throw PaymentProblems.invalidWebhook("The body is not a provider event.");
        }
        if (event.getId() == null || event.getId().isBlank() || event.getId().length() > 255 || event.getType() == null
                || event.getType().isBlank() || event.getType().length() > 255) {
            metrics.webhook("unknown", "invalid");
            throw PaymentProblems.invalidWebhook("The event has no id or type.");
        }
        String type = WebhookHandler.HANDLED.contains(event.getType()) ? event.getType() : "other";
        WebhookHandler.Outcome outcome;
        try {
            outcome = handler.handle(event);
        }
        catch (WebhookHandler.InvalidEvent ex) {
            metrics.webhook(type, "invalid");
            log.warn("Webhook event {} refused: {}", event.getId(), ex.getMessage());
            throw PaymentProblems.invalidWebhook(ex.getMessage());
        }
        catch (RuntimeException ex) {
            metrics.webhook(type, "error");
            log.error("Webhook event {} ({}) could not be stored; the provider will send it again", event.getId(),
                    event.getType(), ex);
            throw PaymentProblems.webhookNotStored();
        }
        metrics.webhook(type, outcome.name().toLowerCase(java.util.Locale.ROOT));
        return Map.of("received", true, "duplicate", outcome == WebhookHandler.Outcome.DUPLICATE, "outcome",
                outcome.name().toLowerCase(java.util.Locale.ROOT));
    }
}
