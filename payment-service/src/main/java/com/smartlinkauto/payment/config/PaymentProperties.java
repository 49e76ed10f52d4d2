package com.smartlinkauto.payment.config;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * {@code payments.*}: defaults here, overridable from {@code config-repo/payment-service.yml} and environment
 * variables; the secrets ({@code STRIPE_SECRET_KEY}, {@code STRIPE_WEBHOOK_SECRET},
 * {@code PAYMENTS_SANDBOX_WEBHOOK_SECRET}) only from the environment.
 *
 * @param provider        {@code sandbox} or {@code stripe}; blank: {@code stripe} when {@code stripe.secret-key} is set,
 *                        otherwise {@code sandbox}
 * @param publicBaseUrl   where browsers reach the platform (the gateway, which also serves the web UI): the sandbox's
 *                        checkout page and the renter's way back lie under it
 * @param successUrl      where the provider sends the renter after paying; {@code {bookingId}} is replaced. Blank: the
 *                        web UI's trip page, {@code <publicBaseUrl>/trips/{bookingId}?checkout=success} (which waits
 *                        for the confirmation)
 * @param cancelUrl       where the provider sends the renter who gives up paying; {@code {bookingId}} is replaced.
 *                        Blank: {@code <publicBaseUrl>/trips/{bookingId}?checkout=cancelled} (pay again while the hold
 *                        lasts)
 * @param sessionLifetime a checkout session's lifetime at the provider (Stripe: 30 min at least, 24 h at most); our
 *                        hold is shorter, so a lapsed or cancelled booking's session is expired explicitly
 * @param webhookTolerance how old a webhook's signed timestamp may be (Stripe's default: 5 minutes)
 */
@Validated
@ConfigurationProperties("payments")
public record PaymentProperties(String provider,
        @DefaultValue("http://127.0.0.1:8080") @NotNull URI publicBaseUrl,
        String successUrl, String cancelUrl,
        @DefaultValue("30m") @NotNull Duration sessionLifetime,
        @DefaultValue("300s") @NotNull Duration webhookTolerance,
        @DefaultValue @Valid Bookings bookings, @DefaultValue @Valid Stripe stripe, @DefaultValue @Valid Sandbox sandbox,
        @DefaultValue @Valid Refunds refunds, @DefaultValue @Valid Expiry expiry) {

    public static final String SANDBOX = "sandbox";
    public static final String STRIPE = "stripe";

    /** The web UI's page of one trip (web-ui's route {@code /trips/:id}), relative to the public base URL. */
    public static final String TRIP_PAGE = "/trips/{bookingId}";
    /** The query the trip page reads on the way back from a checkout: {@code success} or {@code cancelled}. */
    public static final String CHECKOUT_SUCCESS = "?checkout=success";
    public static final String CHECKOUT_CANCELLED = "?checkout=cancelled";

    public PaymentProperties {
        provider = provider == null || provider.isBlank() ? null : provider.strip();
        String base = publicBaseUrl == null ? "" : publicBaseUrl.toString().replaceAll("/+$", "");
        successUrl = successUrl == null || successUrl.isBlank() ? base + TRIP_PAGE + CHECKOUT_SUCCESS
                : successUrl.strip();
        cancelUrl = cancelUrl == null || cancelUrl.isBlank() ? base + TRIP_PAGE + CHECKOUT_CANCELLED : cancelUrl.strip();
    }

    @AssertTrue(message = "public-base-url must be an absolute http(s) URL")
    boolean isPublicBaseUrlAbsolute() {
        return publicBaseUrl == null || absoluteHttp(publicBaseUrl);
    }

    @AssertTrue(message = "success-url and cancel-url must be absolute http(s) URLs with {bookingId} in them (Stripe "
            + "needs absolute URLs; the renter comes back to their booking)")
    boolean isReturnUrlsSane() {
        for (String template : new String[] { successUrl, cancelUrl }) {
            if (!template.contains("{bookingId}")) {
                return false;
            }
            try {
                if (!absoluteHttp(new URI(forBooking(template, "00000000-0000-0000-0000-000000000000")))) {
                    return false;
                }
            }
            catch (java.net.URISyntaxException ex) {
                return false;
            }
        }
        return true;
    }

    private static boolean absoluteHttp(URI uri) {
        return uri.isAbsolute() && uri.getHost() != null
                && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
    }

    @AssertTrue(message = "provider must be sandbox, stripe or blank")
    boolean isProviderKnown() {
        return provider == null || provider.isBlank() || SANDBOX.equals(provider.strip())
                || STRIPE.equals(provider.strip());
    }

    @AssertTrue(message = "session-lifetime must be between 30 minutes and 24 hours (Stripe's bounds)")
    boolean isSessionLifetimeSane() {
        return sessionLifetime == null || (sessionLifetime.compareTo(Duration.ofMinutes(30)) >= 0
                && sessionLifetime.compareTo(Duration.ofHours(24)) <= 0);
    }

    /** The provider in use: the configured one, or {@code stripe} when a Stripe key is set, else {@code sandbox}. */
    public String activeProvider() {
        if (provider != null && !provider.isBlank()) {
            return provider.strip();
        }
        return stripe != null && stripe.secretKey() != null && !stripe.secretKey().isBlank() ? STRIPE : SANDBOX;
    }

    /** {@code template} with the booking's id. */
    public static String forBooking(String template, Object bookingId) {
        return template.replace("{bookingId}", String.valueOf(bookingId));
    }

    /**
     * booking-service's internal read ({@code GET /internal/bookings/{id}}).
     *
     * @param baseUrl        {@code http://booking-service} (found through discovery) or a fixed URL
     * @param connectTimeout connection time-out of one call
     * @param readTimeout    answer time-out of one call
     */
    public record Bookings(@DefaultValue("http://booking-service") @NotNull URI baseUrl,
            @DefaultValue("1s") @NotNull Duration connectTimeout, @DefaultValue("5s") @NotNull Duration readTimeout) {
    }

    /**
     * Stripe (provider {@code stripe}).
     *
     * @param secretKey         {@code STRIPE_SECRET_KEY}; never logged
     * @param webhookSecret     {@code STRIPE_WEBHOOK_SECRET}: the endpoint's signing secret ({@code whsec_…})
     * @param apiBase           Stripe's API (tests: a local stub)
     * @param connectTimeout    of one API call
     * @param readTimeout       of one API call
     * @param maxNetworkRetries stripe-java's own retries (with the same idempotency key)
     */
    public record Stripe(String secretKey, String webhookSecret,
            @DefaultValue("https://api.stripe.com") @NotNull URI apiBase,
            @DefaultValue("5s") @NotNull Duration connectTimeout, @DefaultValue("30s") @NotNull Duration readTimeout,
            @DefaultValue("2") @Min(0) @Max(10) int maxNetworkRetries) {

        @Override
        public String toString() {
            return "Stripe[secretKey=" + (secretKey == null || secretKey.isBlank() ? "none" : "***") + ", webhookSecret="
                    + (webhookSecret == null || webhookSecret.isBlank() ? "none" : "***") + ", apiBase=" + apiBase + "]";
        }
    }

    /**
     * The sandbox provider (local development, tests): its webhooks are signed like Stripe's and delivered with
     * Stripe's kind of retries.
     *
     * @param webhookSecret      {@code PAYMENTS_SANDBOX_WEBHOOK_SECRET}; never logged
     * @param webhookUrl         where the webhooks go; blank: this instance's own {@code /api/payments/webhook}
     * @param firstDeliveryDelay a pause before the first delivery of each event (tests: a late payment)
     * @param allowWebhookDelay  whether the Pay form may ask to hold its webhook back ({@code webhookDelaySeconds},
     *                           at most {@link #MAX_WEBHOOK_DELAY}): a payment whose webhook arrives after the hold
     *                           lapsed, on demand (the e2e tests). Off by default: a real checkout never has it
     * @param deliveryInterval   the longest time between two looks for due deliveries (events another instance
     *                           queued, a restart); an event this instance queues is sent once its transaction
     *                           committed and its delay passed, a failed one when its back-off ends
     * @param deliveryTick       how often the job checks whether a look is due (no query when it is not)
     * @param initialBackoff     the wait after the first failed delivery; doubled after each further one
     * @param maxBackoff         the longest wait between two attempts
     * @param maxAttempts        attempts per event before it is given up
     * @param timeout            of one delivery
     */
    public record Sandbox(String webhookSecret, String webhookUrl,
            @DefaultValue("0s") @NotNull Duration firstDeliveryDelay,
            @DefaultValue("false") boolean allowWebhookDelay,
            @DefaultValue("10s") @NotNull Duration deliveryInterval,
            @DefaultValue("200ms") @NotNull Duration deliveryTick,
            @DefaultValue("1s") @NotNull Duration initialBackoff, @DefaultValue("15m") @NotNull Duration maxBackoff,
            @DefaultValue("12") @Min(1) @Max(100) int maxAttempts, @DefaultValue("10s") @NotNull Duration timeout) {

        /** The longest delay a Pay form may ask for when {@code allowWebhookDelay} is on. */
        public static final Duration MAX_WEBHOOK_DELAY = Duration.ofMinutes(5);

        public Sandbox {
            webhookUrl = webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl.strip();
        }

        @Override
        public String toString() {
            return "Sandbox[webhookSecret=" + (webhookSecret == null || webhookSecret.isBlank() ? "none" : "***")
                    + ", webhookUrl=" + webhookUrl + ", firstDeliveryDelay=" + firstDeliveryDelay + ", allowWebhookDelay="
                    + allowWebhookDelay + "]";
        }
    }

    /**
     * Refunds whose provider call failed are tried again (same idempotency key) from a single-runner job.
     *
     * @param retryInterval  how often the job looks for due refunds
     * @param initialBackoff the wait after the first failure; doubled after each further one
     * @param maxBackoff     the longest wait
     * @param maxAttempts    attempts before the refund is marked FAILED (for a person to look at)
     */
    public record Refunds(@DefaultValue("5s") @NotNull Duration retryInterval,
            @DefaultValue("5s") @NotNull Duration initialBackoff, @DefaultValue("10m") @NotNull Duration maxBackoff,
            @DefaultValue("20") @Min(1) @Max(1000) int maxAttempts) {
    }

    /**
     * Expiring the provider session of a booking that lapsed or was cancelled, retried until the provider agrees.
     *
     * @param retryInterval how often the job looks for sessions still to expire
     */
    public record Expiry(@DefaultValue("10s") @NotNull Duration retryInterval) {
    }
}
