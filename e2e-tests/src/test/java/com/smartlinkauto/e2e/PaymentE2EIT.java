package com.smartlinkauto.e2e;

import static com.smartlinkauto.e2e.Accounts.newAccount;
import static com.smartlinkauto.e2e.BookingE2EIT.encode;
import static com.smartlinkauto.e2e.BookingE2EIT.remaining;
import static com.smartlinkauto.e2e.Platform.gateway;
import static com.smartlinkauto.e2e.Platform.json;
import static com.smartlinkauto.e2e.Platform.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.smartlinkauto.e2e.Accounts.Account;

import tools.jackson.databind.JsonNode;

/**
 * Payments through the gateway only (issue #13), with the sandbox provider (the local default): a renter's hold,
 * a checkout session whose amount comes from the booking, the sandbox checkout page, a declined card, a paid card
 * whose signed webhook confirms the booking, the ledger as its three parties see it, a cancellation whose refund
 * reaches the ledger, and a payment whose webhook arrives after the hold lapsed: confirmed when the slot is still
 * free, refunded in full when someone else took it. The platform must run with the e2e settings
 * ({@code ./smartlink test}, or {@code ./smartlink up --e2e}): holds of 20 s, a sweeper every second, and the
 * sandbox's delayed webhooks allowed (the late payments).
 */
class PaymentE2EIT {

    private static final Duration WITHIN_SECONDS = Duration.ofSeconds(45);

    private static Account admin;
    /** Each test's own partner and vehicle (JUnit makes an instance per test): its dashboards are the test's. */
    private Account partner;
    private String vehicleId;

    @BeforeAll
    static void theAdmin() {
        admin = Accounts.admin();
    }

    @BeforeEach
    void aListedApprovedVehicle() {
        partner = newAccount("/api/partners", "partner");
        Accounts.setPartnerVerification(admin, partner.id(), "VERIFIED", null);
        HttpResponse<String> listed = send(partner.as(Accounts.postJson("/api/partners/" + partner.id() + "/vehicles",
                BookingE2EIT.listing("E2E-Pay-" + UUID.randomUUID().toString().substring(0, 12)))));
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(201);
        vehicleId = json(listed).path("id").asString();
        HttpResponse<String> approved = send(admin.as(gateway("/api/admin/vehicles/" + vehicleId + "/verification"))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"status\":\"ACTIVE\",\"reason\":\"e2e payments\"}")));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        // bookable once vehicle-service has the partner's verification (user.events) and booking-service's short
        // cache of the vehicle agrees: the quote says so
        Instant pickup = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        String quote = "/api/bookings/quote?vehicleId=" + vehicleId + "&pickupAt=" + encode(pickup.toString())
                + "&returnAt=" + encode(pickup.plus(3, ChronoUnit.DAYS).toString());
        Awaitility.await("the approved vehicle is bookable").atMost(WITHIN_SECONDS).pollInterval(Duration.ofMillis(500))
                .until(() -> send(gateway(quote)).statusCode() == 200);
    }

    @Test
    void aPaidHoldIsConfirmedLedgeredAndItsCancellationRefunded() {
        Account renter = newAccount("/api/auth/register", "renter");
        Account stranger = newAccount("/api/auth/register", "renter");
        String bookingId = hold(renter, 30);

        // the checkout: the amount is the booking's (3 days x 49.90 + 10 % fee), never the client's
        HttpResponse<String> checkout = send(renter.as(Accounts.postJson("/api/payments/checkout",
                "{\"bookingId\":\"" + bookingId + "\"}")));
        assertThat(checkout.statusCode()).as(checkout.body()).isEqualTo(201);
        JsonNode session = json(checkout);
        String sessionId = session.path("sessionId").asString();
        String checkoutUrl = session.path("checkoutUrl").asString();
        assertThat(session.path("amount").decimalValue()).isEqualByComparingTo("164.67");
        assertThat(session.path("currency").asString()).isEqualTo("EUR");
        assertThat(checkoutUrl).startsWith(Platform.GATEWAY + "/payments/sandbox/checkout/").endsWith(sessionId);
        HttpResponse<String> again = send(renter.as(Accounts.postJson("/api/payments/checkout",
                "{\"bookingId\":\"" + bookingId + "\"}")));
        assertThat(again.statusCode()).as(again.body()).isIn(200, 201);
        assertThat(json(again).path("sessionId").asString()).as("one open session per booking").isEqualTo(sessionId);
        HttpResponse<String> priced = send(renter.as(Accounts.postJson("/api/payments/checkout",
                "{\"bookingId\":\"" + bookingId + "\",\"amount\":0.01}")));
        assertThat(priced.statusCode()).as("a client-sent amount: %s", priced.body()).isEqualTo(400);
        assertThat(priced.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        HttpResponse<String> foreign = send(stranger.as(Accounts.postJson("/api/payments/checkout",
                "{\"bookingId\":\"" + bookingId + "\"}")));
        assertThat(foreign.statusCode()).as("another renter's booking: %s", foreign.body()).isEqualTo(404);

        // the sandbox's checkout page, public through the gateway
        HttpResponse<String> page = send(Platform.request(checkoutUrl));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(page.body()).contains("164.67");

        // a declined card: nothing captured, the booking still HELD, the renter told why
        HttpResponse<String> declined = pay(checkoutUrl, "4000 0000 0000 0002", 0);
        assertThat(declined.body().toLowerCase(java.util.Locale.ROOT)).as(declined.body()).contains("declined");
        assertThat(status(renter, bookingId)).isEqualTo("HELD");
        Awaitility.await("the renter's notification of the declined payment").atMost(WITHIN_SECONDS)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> notifications(renter).stream().anyMatch(n -> n.contains("declined")));

        // 4242...: the signed webhook confirms the booking
        HttpResponse<String> paid = pay(checkoutUrl, "4242 4242 4242 4242", 0);
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        Awaitility.await("the paid booking is CONFIRMED").atMost(WITHIN_SECONDS).pollInterval(Duration.ofMillis(250))
                .until(() -> status(renter, bookingId).equals("CONFIRMED"));

        // the ledger: its renter, the vehicle's partner and an admin see it; nobody else
        Awaitility.await("the payment in the ledger").atMost(WITHIN_SECONDS).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    JsonNode ledger = ledger(renter, bookingId);
                    assertThat(ledger.path("captured").decimalValue()).isEqualByComparingTo("164.67");
                    assertThat(ledger.path("refunded").decimalValue()).isEqualByComparingTo("0");
                });
        assertThat(ledger(partner, bookingId).path("captured").decimalValue()).isEqualByComparingTo("164.67");
        assertThat(ledger(admin, bookingId).path("currency").asString()).isEqualTo("EUR");
        HttpResponse<String> strangers = send(stranger.as(gateway("/api/payments/bookings/" + bookingId)));
        assertThat(strangers.statusCode()).as(strangers.body()).isEqualTo(404);

        // the dashboards follow within seconds (payment.events -> booking-service's ledger, caches bumped): the
        // partner's earnings and the admin's revenue show the payment, 15 % commission
        Awaitility.await("the payment in the partner's earnings and the admin's revenue").atMost(WITHIN_SECONDS)
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    JsonNode earnings = earnings(partner);
                    assertThat(earnings.path("gross").decimalValue()).isEqualByComparingTo("164.67");
                    assertThat(earnings.path("commission").decimalValue()).isEqualByComparingTo("24.70");
                    assertThat(earnings.path("net").decimalValue()).isEqualByComparingTo("139.97");
                    assertThat(revenueOf(partner).path("gross").decimalValue()).isEqualByComparingTo("164.67");
                });
        HttpResponse<String> othersEarnings = send(stranger.as(gateway("/api/partners/" + partner.id()
                + "/earnings?" + today("month"))));
        assertThat(othersEarnings.statusCode()).as(othersEarnings.body()).isEqualTo(403);
        assertThat(send(renter.as(gateway("/api/admin/revenue?" + today("partner")))).statusCode()).isEqualTo(403);

        // a forged webhook reaches payment-service (no token needed) and is refused there
        HttpResponse<String> forged = send(gateway("/api/payments/webhook").header("Content-Type", "application/json")
                .header("Stripe-Signature", "t=" + Instant.now().getEpochSecond() + ",v1=" + "ab".repeat(32))
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"evt_forged\",\"object\":\"event\","
                        + "\"type\":\"checkout.session.completed\",\"data\":{\"object\":{}}}")));
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(400);
        assertThat(forged.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        // cancelled a month ahead: the policy's full refund, paid back and in the ledger
        HttpResponse<String> cancelled = send(renter.as(Accounts.postJson("/api/bookings/" + bookingId + "/cancel",
                "{\"reason\":\"e2e: plans changed\"}")));
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(json(cancelled).path("refundAmount").decimalValue()).isEqualByComparingTo("164.67");
        Awaitility.await("the refund in the ledger").atMost(WITHIN_SECONDS).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    JsonNode ledger = ledger(renter, bookingId);
                    assertThat(ledger.path("refunded").decimalValue()).isEqualByComparingTo("164.67");
                    assertThat(ledger.path("net").decimalValue()).isEqualByComparingTo("0");
                });
        Awaitility.await("the refund in the partner's earnings and the admin's revenue").atMost(WITHIN_SECONDS)
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    JsonNode earnings = earnings(partner);
                    assertThat(earnings.path("refunds").decimalValue()).isEqualByComparingTo("164.67");
                    assertThat(earnings.path("net").decimalValue()).isEqualByComparingTo("0");
                    assertThat(revenueOf(partner).path("refunds").decimalValue()).isEqualByComparingTo("164.67");
                });
        Awaitility.await("the renter's and the partner's notifications").atMost(WITHIN_SECONDS)
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    assertThat(notifications(renter)).anyMatch(n -> n.contains("refund"))
                            .anyMatch(n -> n.contains("payment received") || n.contains("paid"));
                    assertThat(notifications(partner)).anyMatch(n -> n.contains(bookingId));
                });
    }

    /**
     * Two renters pay just before their holds lapse and the provider's webhook comes late (the sandbox delays it
     * past the 20-s hold). One slot stays free: that booking is CONFIRMED by the late payment. The other slot is
     * taken (held and paid) by a third renter in the meantime: that payment is refunded in full and the booking
     * stays EXPIRED.
     */
    @Test
    void aPaymentThatArrivesAfterItsHoldLapsedConfirmsAFreeSlotAndIsRefundedForATakenOne() {
        Account lucky = newAccount("/api/auth/register", "renter");
        Account late = newAccount("/api/auth/register", "renter");
        Account rival = newAccount("/api/auth/register", "renter");
        String freeBooking = hold(lucky, 60);
        String takenBooking = hold(late, 70);
        Instant holdsLapse = Instant.parse(booking(late, takenBooking).path("holdExpiresAt").asString());

        for (var entry : List.of(List.of(lucky, freeBooking), List.of(late, takenBooking))) {
            Account renter = (Account) entry.get(0);
            String bookingId = (String) entry.get(1);
            HttpResponse<String> checkout = send(renter.as(Accounts.postJson("/api/payments/checkout",
                    "{\"bookingId\":\"" + bookingId + "\"}")));
            assertThat(checkout.statusCode()).as(checkout.body()).isEqualTo(201);
            // paid now; the provider's webhook is held back until well after the hold lapsed
            HttpResponse<String> paid = pay(json(checkout).path("checkoutUrl").asString(), "4242424242424242", 45);
            assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        }

        Awaitility.await("both holds lapse").atMost(remaining(holdsLapse).plusSeconds(30))
                .pollInterval(Duration.ofMillis(500)).until(() -> status(late, takenBooking).equals("EXPIRED")
                        && status(lucky, freeBooking).equals("EXPIRED"));
        // the rival takes the lapsed slot and pays at once (a hold alone would lapse too before the late webhook)
        String rivalBooking = hold(rival, 70);
        HttpResponse<String> rivalCheckout = send(rival.as(Accounts.postJson("/api/payments/checkout",
                "{\"bookingId\":\"" + rivalBooking + "\"}")));
        assertThat(rivalCheckout.statusCode()).as(rivalCheckout.body()).isEqualTo(201);
        assertThat(pay(json(rivalCheckout).path("checkoutUrl").asString(), "4242424242424242", 0).statusCode())
                .isEqualTo(200);
        Awaitility.await("the rival's booking is paid").atMost(WITHIN_SECONDS).pollInterval(Duration.ofMillis(250))
                .until(() -> status(rival, rivalBooking).equals("CONFIRMED"));

        Awaitility.await("the late payments are settled").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    assertThat(status(lucky, freeBooking)).as("the free slot is confirmed").isEqualTo("CONFIRMED");
                    JsonNode refunded = ledger(late, takenBooking);
                    assertThat(refunded.path("captured").decimalValue()).isEqualByComparingTo("164.67");
                    assertThat(refunded.path("refunded").decimalValue()).as("the taken slot's payment goes back")
                            .isEqualByComparingTo("164.67");
                });
        assertThat(status(late, takenBooking)).isEqualTo("EXPIRED");
        assertThat(status(rival, rivalBooking)).as("the rival keeps the slot").isEqualTo("CONFIRMED");
        assertThat(ledger(lucky, freeBooking).path("refunded").decimalValue()).isEqualByComparingTo("0");
    }

    /** A 3-day hold {@code daysAhead} days from now (whole hours); its id. */
    private String hold(Account renter, int daysAhead) {
        Instant pickup = Instant.now().plus(daysAhead, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        String body = "{\"vehicleId\":\"%s\",\"pickupAt\":\"%s\",\"returnAt\":\"%s\"}".formatted(vehicleId, pickup,
                pickup.plus(3, ChronoUnit.DAYS));
        HttpResponse<String> held = send(renter.as(Accounts.postJson("/api/bookings", body))
                .header("Idempotency-Key", "e2e-pay-" + UUID.randomUUID()));
        assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
        return json(held).path("id").asString();
    }

    /** The sandbox page's Pay form, as a browser posts it; {@code webhookDelaySeconds} > 0 holds the webhook back. */
    private static HttpResponse<String> pay(String checkoutUrl, String card, int webhookDelaySeconds) {
        String form = "cardNumber=" + encode(card) + (webhookDelaySeconds > 0 ? "&webhookDelaySeconds="
                + webhookDelaySeconds : "");
        return send(Platform.request(checkoutUrl + "/pay").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static JsonNode booking(Account renter, String bookingId) {
        HttpResponse<String> response = send(renter.as(gateway("/api/bookings/" + bookingId)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static String status(Account renter, String bookingId) {
        return booking(renter, bookingId).path("status").asString();
    }

    private static JsonNode ledger(Account who, String bookingId) {
        HttpResponse<String> response = send(who.as(gateway("/api/payments/bookings/" + bookingId)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    /** {@code from} and {@code to} around today (UTC days) and a {@code groupBy}. */
    private static String today(String groupBy) {
        Instant midnight = Instant.now().truncatedTo(ChronoUnit.DAYS);
        return "from=" + encode(midnight.minus(1, ChronoUnit.DAYS).toString()) + "&to="
                + encode(midnight.plus(2, ChronoUnit.DAYS).toString()) + "&groupBy=" + groupBy;
    }

    /** The partner's own EUR earnings totals around today (gross, refunds, commission, net). */
    private static JsonNode earnings(Account partner) {
        HttpResponse<String> response = send(partner.as(gateway("/api/partners/me/earnings?" + today("month"))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return euros(json(response)).path("totals");
    }

    /** The admin's EUR revenue group of a partner around today. */
    private static JsonNode revenueOf(Account partner) {
        HttpResponse<String> response = send(admin.as(gateway("/api/admin/revenue?" + today("partner"))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(euros(json(response)).path("groups").spliterator(), false)
                .filter(group -> group.path("key").asString().equals(partner.id())).findFirst()
                .orElseThrow(() -> new AssertionError("no revenue group of partner " + partner.id() + ": " + response.body()));
    }

    private static JsonNode euros(JsonNode dashboard) {
        return StreamSupport.stream(dashboard.path("currencies").spliterator(), false)
                .filter(c -> c.path("currency").asString().equals("EUR")).findFirst()
                .orElseThrow(() -> new AssertionError("no EUR figures: " + dashboard));
    }

    /** The caller's notifications, each as its lower-cased type, title and body. */
    private static List<String> notifications(Account who) {
        HttpResponse<String> response = send(who.as(gateway("/api/users/me/notifications?size=50")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(json(response).path("items").spliterator(), false)
                .map(n -> (n.path("type").asString() + " " + n.path("title").asString() + " " + n.path("body").asString())
                        .toLowerCase(java.util.Locale.ROOT))
                .toList();
    }
}
