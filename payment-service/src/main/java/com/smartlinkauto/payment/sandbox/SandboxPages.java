package com.smartlinkauto.payment.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

import com.smartlinkauto.payment.payments.CheckoutSession;
import com.smartlinkauto.payment.shared.Money;

/**
 * The sandbox checkout's pages: self-contained HTML (one inline style block, allowed by its hash; no script, no
 * external asset), every value HTML-escaped, and a Content-Security-Policy that allows nothing else (forms post only
 * to this origin, no framing).
 */
final class SandboxPages {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;"
            + "padding:0 1rem;color:#1a1a1a}h1{font-size:1.3rem}.amount{font-size:2rem;font-weight:600;margin:.5rem 0}"
            + ".muted{color:#666;font-size:.9rem}.error{color:#b00020;font-weight:600}.ok{color:#0a7d32;"
            + "font-weight:600}input{font-size:1.1rem;padding:.5rem;width:100%;box-sizing:border-box;margin:.5rem 0}"
            + "button{font-size:1.1rem;padding:.6rem 1.2rem;background:#635bff;color:#fff;border:0;border-radius:4px}"
            + "a{color:#635bff}";

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'sha256-" + sha256(STYLE)
            + "'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private SandboxPages() {
    }

    /**
     * The checkout form; {@code action} relative to the page, {@code error} shown above it (or null), and the way back
     * to the booking without paying ({@code cancelUrl}: the web UI's trip page, as Stripe's page has it).
     */
    static ResponseEntity<String> checkout(HttpStatus status, CheckoutSession s, String action, String error,
            String cancelUrl) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>SmartLink Auto · sandbox checkout</h1>");
        body.append(summary(s));
        if (error != null) {
            body.append("<p class=\"error\" role=\"alert\">").append(escape(error)).append("</p>");
        }
        body.append("<form method=\"post\" action=\"").append(escape(action)).append("\">")
                .append("<label for=\"cardNumber\">Card number</label>")
                .append("<input id=\"cardNumber\" name=\"cardNumber\" inputmode=\"numeric\" autocomplete=\"off\" "
                        + "maxlength=\"40\" placeholder=\"4242 4242 4242 4242\" required>")
                .append("<p class=\"muted\">Test cards: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined, "
                        + "4000 0000 0000 9995 has insufficient funds.</p>")
                .append("<button type=\"submit\">Pay ").append(escape(amount(s))).append("</button></form>");
        body.append("<p><a id=\"cancel\" href=\"").append(escape(cancelUrl))
                .append("\">Cancel and return to the booking</a></p>");
        return page(status, "Sandbox checkout", body.toString());
    }

    /** After a successful payment: back to the booking ({@code successUrl}: the web UI's trip page). */
    static ResponseEntity<String> paid(CheckoutSession s, String successUrl) {
        return page(HttpStatus.OK, "Payment received", "<h1>Payment received</h1>" + summary(s)
                + "<p class=\"ok\">Thank you: " + escape(amount(s)) + " was paid. The booking is confirmed in a moment.</p>"
                + "<p><a id=\"continue\" href=\"" + escape(successUrl) + "\">Continue to your booking</a></p>");
    }

    static ResponseEntity<String> message(HttpStatus status, String title, String text) {
        return page(status, title, "<h1>" + escape(title) + "</h1><p>" + escape(text) + "</p>");
    }

    /** The title of a page made here (for the problem+json answer to a non-browser). */
    static String titleOf(String html) {
        return between(html, "<title>", "</title>");
    }

    /** The message of a page made here: its error line, else its first paragraph (unescaped). */
    static String detailOf(String html) {
        String error = between(html, "<p class=\"error\" role=\"alert\">", "</p>");
        return error.isEmpty() ? between(html, "<p>", "</p>") : error;
    }

    private static String between(String html, String start, String end) {
        int from = html == null ? -1 : html.indexOf(start);
        int to = from < 0 ? -1 : html.indexOf(end, from + start.length());
        return to < 0 ? "" : HtmlUtils.htmlUnescape(html.substring(from + start.length(), to));
    }

    private static String summary(CheckoutSession s) {
        return "<p class=\"amount\">" + escape(amount(s)) + "</p><p class=\"muted\">Booking " + escape(
                s.bookingId().toString()) + " · pay before " + escape(s.expiresAt().toString()) + "</p>";
    }

    static String amount(CheckoutSession s) {
        return Money.toMajor(s.amountMinor(), s.currency()).toPlainString() + " " + s.currency();
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\"><title>" + escape(title) + "</title><style>" + STYLE
                + "</style></head><body>" + body + "</body></html>";
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                // same-origin, not no-referrer: under no-referrer a browser sends the Pay form's POST with
                // "Origin: null", which the gateway's CORS check refuses (403); the session's URL still never
                // leaves for another origin
                .header("Referrer-Policy", "same-origin")
                .body(html);
    }

    static String escape(String text) {
        return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
