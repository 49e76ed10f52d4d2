package com.smartlinkauto.payment.sandbox;

import java.time.Instant;
import java.util.Locale;

import com.smartlinkauto.payment.payments.CheckoutSession;
import com.stripe.Stripe;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events in Stripe's shape (https://docs.stripe.com/api/events/object): {@code id}, {@code object: "event"},
 * {@code api_version} (stripe-java's, so that its deserializer reads the object typed), {@code created},
 * {@code type}, {@code livemode: false} and {@code data.object}, the object as Stripe's API describes it.
 */
final class SandboxEvents {

    private final JsonMapper json;

    SandboxEvents(JsonMapper json) {
        this.json = json;
    }

    /** An event and its id. */
    record Built(String id, String type, String payload) {
    }

    Built sessionCompleted(CheckoutSession s, String paymentIntentId, Instant at) {
        ObjectNode session = session(s, "complete", "paid");
        session.put("payment_intent", paymentIntentId);
        return event("checkout.session.completed", session, at);
    }

    Built sessionExpired(CheckoutSession s, Instant at) {
        return event("checkout.session.expired", session(s, "expired", "unpaid"), at);
    }

    Built paymentFailed(CheckoutSession s, String paymentIntentId, String declineCode, String message, Instant at) {
        ObjectNode intent = json.createObjectNode();
        intent.put("id", paymentIntentId);
        intent.put("object", "payment_intent");
        intent.put("amount", s.amountMinor());
        intent.put("currency", s.currency().toLowerCase(Locale.ROOT));
        intent.put("status", "requires_payment_method");
        intent.put("livemode", false);
        intent.putObject("metadata").put("bookingId", s.bookingId().toString());
        ObjectNode error = intent.putObject("last_payment_error");
        error.put("type", "card_error");
        error.put("code", "card_declined");
        error.put("decline_code", declineCode);
        error.put("message", message);
        return event("payment_intent.payment_failed", intent, at);
    }

    Built chargeRefunded(String chargeId, String paymentIntentId, long amountMinor, long amountRefundedMinor,
            String currency, String bookingId, Instant at) {
        ObjectNode charge = json.createObjectNode();
        charge.put("id", chargeId);
        charge.put("object", "charge");
        charge.put("amount", amountMinor);
        charge.put("amount_captured", amountMinor);
        charge.put("amount_refunded", amountRefundedMinor);
        charge.put("currency", currency.toLowerCase(Locale.ROOT));
        charge.put("paid", true);
        charge.put("captured", true);
        charge.put("refunded", amountRefundedMinor >= amountMinor);
        charge.put("payment_intent", paymentIntentId);
        charge.put("status", "succeeded");
        charge.put("livemode", false);
        charge.putObject("metadata").put("bookingId", bookingId);
        return event("charge.refunded", charge, at);
    }

    private ObjectNode session(CheckoutSession s, String status, String paymentStatus) {
        ObjectNode session = json.createObjectNode();
        session.put("id", s.providerSessionId());
        session.put("object", "checkout.session");
        session.put("mode", "payment");
        session.put("status", status);
        session.put("payment_status", paymentStatus);
        session.put("amount_total", s.amountMinor());
        session.put("amount_subtotal", s.amountMinor());
        session.put("currency", s.currency().toLowerCase(Locale.ROOT));
        session.put("client_reference_id", s.bookingId().toString());
        session.put("expires_at", s.expiresAt().getEpochSecond());
        session.put("url", status.equals("complete") || status.equals("expired") ? null : s.checkoutUrl());
        session.put("livemode", false);
        session.putObject("metadata").put("bookingId", s.bookingId().toString()).put("sessionId", s.id().toString());
        return session;
    }

    private Built event(String type, ObjectNode object, Instant at) {
        String id = "evt_sandbox_" + SandboxIds.random();
        ObjectNode event = json.createObjectNode();
        event.put("id", id);
        event.put("object", "event");
        event.put("api_version", Stripe.API_VERSION);
        event.put("created", at.getEpochSecond());
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        event.put("type", type);
        event.putObject("data").set("object", object);
        return new Built(id, type, json.writeValueAsString(event));
    }
}
