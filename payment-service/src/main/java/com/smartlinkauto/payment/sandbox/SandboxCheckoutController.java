package com.smartlinkauto.payment.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.MDC;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.payment.config.PaymentProperties;
import com.smartlinkauto.payment.payments.CheckoutSession;
import com.smartlinkauto.payment.payments.SessionStore;
import com.smartlinkauto.payment.provider.ActiveProvider;
import com.smartlinkauto.servicedefaults.Correlation;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The sandbox's hosted checkout page. Paying with one of Stripe's test cards queues the webhook Stripe would send
 * (checkout.session.completed, or payment_intent.payment_failed with Stripe's decline codes) in one transaction with
 * the check that the session can still be paid; the page itself changes nothing else: the webhook does, as with
 * Stripe.
 */
@RestController
@Conditional(ActiveProvider.Sandbox.class)
@Tag(name = "sandbox")
class SandboxCheckoutController {

    static final String PATH = "/payments/sandbox/checkout";

    static final String SUCCEEDS = "4242424242424242";
    static final String DECLINED = "4000000000000002";
    static final String INSUFFICIENT_FUNDS = "4000000000009995";

    private static final Pattern SESSION_ID = Pattern.compile("cs_test_sandbox_[0-9A-Za-z]{1,64}");
    private static final Pattern CARD = Pattern.compile("[0-9 ]{1,40}");

    private final SessionStore sessions;
    private final SandboxEvents events;
    private final SandboxDeliveries deliveries;
    private final TransactionTemplate tx;
    private final PaymentProperties properties;
    private final Clock clock;

    SandboxCheckoutController(SessionStore sessions, SandboxEvents events, SandboxDeliveries deliveries,
            TransactionTemplate tx, PaymentProperties properties, Clock clock) {
        this.sessions = sessions;
        this.events = events;
        this.deliveries = deliveries;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping(path = PATH + "/{sessionId}")
    @SecurityRequirements
    @Operation(summary = "The sandbox's checkout page of a session (public; HTML)",
            description = "Amount, booking, a card number field and Pay. Unknown session 404; paid or expired 409. "
                    + "Errors are an HTML page for a browser (Accept: text/html), problem+json for anyone else.")
    ResponseEntity<?> page(@PathVariable String sessionId,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        Optional<CheckoutSession> session = sandboxSession(sessionId);
        if (session.isEmpty()) {
            return forCaller(accept, SandboxPages.message(HttpStatus.NOT_FOUND, "Unknown checkout",
                    "There is no such checkout session."));
        }
        ResponseEntity<String> over = over(session.get());
        return over != null ? forCaller(accept, over)
                : SandboxPages.checkout(HttpStatus.OK, session.get(), sessionId + "/pay", null,
                        cancelUrl(session.get()));
    }

    @PostMapping(path = PATH + "/{sessionId}/pay", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @SecurityRequirements
    @Operation(summary = "Pay the sandbox session with a test card (public; HTML form post)",
            description = "cardNumber (digits, spaces allowed): 4242424242424242 → paid (checkout.session.completed is "
                    + "delivered to the webhook), 4000000000000002 → declined 402 (payment_intent.payment_failed, "
                    + "generic_decline), 4000000000009995 → declined 402 (insufficient_funds); the renter may try again. "
                    + "Any other number 400. Unknown session 404; paid or expired 409. webhookDelaySeconds (0-300): "
                    + "hold the webhook back that long (a payment that arrives late), only where "
                    + "payments.sandbox.allow-webhook-delay is on (the e2e settings), else 400.")
    ResponseEntity<?> pay(@PathVariable String sessionId,
            @RequestParam(name = "cardNumber", required = false) String cardNumber,
            @RequestParam(name = "webhookDelaySeconds", required = false) Integer webhookDelaySeconds,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        String card = cardNumber == null || !CARD.matcher(cardNumber).matches() ? ""
                : cardNumber.replace(" ", "");
        Duration delay = Duration.ZERO;
        if (webhookDelaySeconds != null) {
            if (!properties.sandbox().allowWebhookDelay()) {
                return forCaller(accept, SandboxPages.message(HttpStatus.BAD_REQUEST, "Not allowed",
                        "This sandbox does not hold webhooks back (payments.sandbox.allow-webhook-delay is off)."));
            }
            if (webhookDelaySeconds < 0
                    || webhookDelaySeconds > PaymentProperties.Sandbox.MAX_WEBHOOK_DELAY.toSeconds()) {
                return forCaller(accept, SandboxPages.message(HttpStatus.BAD_REQUEST, "Invalid delay",
                        "webhookDelaySeconds must be between 0 and "
                                + PaymentProperties.Sandbox.MAX_WEBHOOK_DELAY.toSeconds() + "."));
            }
            delay = Duration.ofSeconds(webhookDelaySeconds);
        }
        Duration webhookDelay = delay;
        return forCaller(accept, tx.execute(status -> {
            Optional<CheckoutSession> found = sandboxSession(sessionId)
                    .flatMap(s -> sessions.lockByProviderSessionId(s.providerSessionId()));
            if (found.isEmpty()) {
                return SandboxPages.message(HttpStatus.NOT_FOUND, "Unknown checkout",
                        "There is no such checkout session.");
            }
            CheckoutSession session = found.get();
            ResponseEntity<String> over = over(session);
            if (over != null) {
                return over;
            }
            Instant now = clock.instant();
            String intent = "pi_sandbox_" + SandboxIds.random();
            switch (card) {
                case SUCCEEDS -> {
                    deliveries.enqueue(events.sessionCompleted(session, intent, now), session.id(), webhookDelay);
                    return SandboxPages.paid(session, PaymentProperties.forBooking(properties.successUrl(),
                            session.bookingId()));
                }
                case DECLINED -> {
                    deliveries.enqueue(events.paymentFailed(session, intent, "generic_decline",
                            "Your card was declined.", now), session.id());
                    return SandboxPages.checkout(HttpStatus.PAYMENT_REQUIRED, session, "pay",
                            "Your card was declined. Try another card.", cancelUrl(session));
                }
                case INSUFFICIENT_FUNDS -> {
                    deliveries.enqueue(events.paymentFailed(session, intent, "insufficient_funds",
                            "Your card has insufficient funds.", now), session.id());
                    return SandboxPages.checkout(HttpStatus.PAYMENT_REQUIRED, session, "pay",
                            "Your card has insufficient funds. Try another card.", cancelUrl(session));
                }
                default -> {
                    return SandboxPages.checkout(HttpStatus.BAD_REQUEST, session, "pay",
                            "This is an invalid card number for the sandbox: use one of the test cards below.",
                            cancelUrl(session));
                }
            }
        }));
    }

    /**
     * The page itself for a browser (an {@code Accept} that names text/html); for any other caller an error page
     * becomes the platform's problem+json with the page's message as its detail (the page's own status kept).
     */
    private static ResponseEntity<?> forCaller(String accept, ResponseEntity<String> page) {
        if (page == null || !page.getStatusCode().isError() || wantsHtml(accept)) {
            return page;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(page.getStatusCode(),
                SandboxPages.detailOf(page.getBody()));
        problem.setType(ProblemTypes.forStatus(page.getStatusCode().value()));
        problem.setTitle(SandboxPages.titleOf(page.getBody()));
        String correlationId = MDC.get(Correlation.MDC_KEY);
        if (correlationId != null) {
            problem.setProperty("correlationId", correlationId);
        }
        return ResponseEntity.status(page.getStatusCode()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static boolean wantsHtml(String accept) {
        if (accept == null || accept.length() > 1024) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType());
        }
        catch (InvalidMediaTypeException ex) {
            return false;
        }
    }

    /** A page for a session that can no longer be paid, or null while it can. */
    private ResponseEntity<String> over(CheckoutSession session) {
        if (CheckoutSession.COMPLETED.equals(session.status())
                || deliveries.queued(session.id(), "checkout.session.completed")) {
            return SandboxPages.message(HttpStatus.CONFLICT, "Already paid", "This checkout has been paid already.");
        }
        if (!session.open() || !session.expiresAt().isAfter(clock.instant())
                || deliveries.queued(session.id(), "checkout.session.expired")) {
            return SandboxPages.message(HttpStatus.CONFLICT, "Checkout expired",
                    "This checkout has expired. Return to the booking to start again.");
        }
        return null;
    }

    /** Where the renter goes back without paying: the same cancel URL a Stripe session gets. */
    private String cancelUrl(CheckoutSession session) {
        return PaymentProperties.forBooking(properties.cancelUrl(), session.bookingId());
    }

    private Optional<CheckoutSession> sandboxSession(String sessionId) {
        if (sessionId == null || !SESSION_ID.matcher(sessionId).matches()) {
            return Optional.empty();
        }
        return sessions.findByProviderSessionId(sessionId).filter(s -> PaymentProperties.SANDBOX.equals(s.provider()));
    }
}
