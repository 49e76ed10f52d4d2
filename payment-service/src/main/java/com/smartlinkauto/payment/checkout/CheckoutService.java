package com.smartlinkauto.payment.checkout;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.smartlinkauto.payment.booking.BookingDirectory;
import com.smartlinkauto.payment.booking.BookingSnapshot;
import com.smartlinkauto.payment.config.PaymentProperties;
import com.smartlinkauto.payment.payments.CheckoutSession;
import com.smartlinkauto.payment.payments.PaymentMetrics;
import com.smartlinkauto.payment.payments.SessionStore;
import com.smartlinkauto.payment.provider.PaymentProvider;
import com.smartlinkauto.payment.provider.ProviderException;
import com.smartlinkauto.payment.shared.Caller;
import com.smartlinkauto.payment.shared.PaymentProblems;
import com.smartlinkauto.servicedefaults.problem.ApiException;

/**
 * A checkout session for a HELD booking of the caller. booking-service is asked first (status, renter, total), the
 * provider second (outside any transaction), and the session is stored last; should two checkouts of one booking
 * race, the database keeps one OPEN session (partial unique index) and both callers get it.
 */
@Service
class CheckoutService {

    private static final Logger log = LoggerFactory.getLogger(CheckoutService.class);

    private final BookingDirectory bookings;
    private final PaymentProvider provider;
    private final SessionStore sessions;
    private final TransactionTemplate tx;
    private final PaymentProperties properties;
    private final PaymentMetrics metrics;
    private final Clock clock;

    CheckoutService(BookingDirectory bookings, PaymentProvider provider, SessionStore sessions, TransactionTemplate tx,
            PaymentProperties properties, PaymentMetrics metrics, Clock clock) {
        this.bookings = bookings;
        this.provider = provider;
        this.sessions = sessions;
        this.tx = tx;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The session and whether this call created it. */
    record Result(CheckoutSession session, boolean created) {
    }

    Result checkout(Caller caller, UUID bookingId) {
        try {
            Result result = start(caller, bookingId);
            metrics.checkout(provider.name(), result.created() ? "created" : "existing");
            return result;
        }
        catch (ApiException ex) {
            metrics.checkout(provider.name(), switch (ex.status().value()) {
                case 404 -> "not_found";
                case 409 -> ex.type().equals(PaymentProblems.HOLD_EXPIRED) ? "hold_expired" : "not_payable";
                case 502 -> "provider_error";
                case 503 -> "unavailable";
                default -> "refused";
            });
            throw ex;
        }
    }

    private Result start(Caller caller, UUID bookingId) {
        BookingSnapshot booking = bookings.get(bookingId);
        if (caller.id() == null || !caller.id().equals(booking.renterId())) {
            throw PaymentProblems.bookingNotFound(bookingId);
        }
        if (!booking.held()) {
            throw PaymentProblems.notPayable(bookingId, booking.status());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (booking.holdExpiresAt() != null && !booking.holdExpiresAt().isAfter(now)) {
            throw PaymentProblems.holdExpired(bookingId, booking.holdExpiresAt());
        }
        Optional<CheckoutSession> open = sessions.findOpen(bookingId);
        if (open.isPresent()) {
            if (open.get().expiresAt().isAfter(now)) {
                return new Result(open.get(), false);
            }
            // the provider has let it lapse (30 minutes at least): a new one
            sessions.expire(open.get().id(), now);
        }
        UUID sessionId = UUID.randomUUID();
        Instant expiresAt = now.plus(properties.sessionLifetime()).truncatedTo(ChronoUnit.SECONDS);
        long attempt = sessions.countForBooking(bookingId) + 1;
        PaymentProvider.ProviderSession created;
        try {
            created = provider.createSession(new PaymentProvider.SessionRequest(sessionId, bookingId,
                    booking.totalMinor(), booking.currency(), expiresAt,
                    PaymentProperties.forBooking(properties.successUrl(), bookingId),
                    PaymentProperties.forBooking(properties.cancelUrl(), bookingId),
                    "checkout-" + bookingId + "-" + attempt));
        }
        catch (ProviderException ex) {
            throw PaymentProblems.providerUnavailable(java.time.Duration.ofSeconds(5));
        }
        CheckoutSession session = new CheckoutSession(sessionId, bookingId, booking.renterId(), booking.partnerId(),
                booking.vehicleId(), provider.name(), created.id(), created.url(), booking.totalMinor(),
                booking.currency(), CheckoutSession.OPEN, created.expiresAt(), null, now, now);
        try {
            tx.executeWithoutResult(status -> sessions.insert(session));
        }
        catch (DuplicateKeyException ex) {
            // a concurrent checkout of the same booking stored its session first (with Stripe: the same one, as the
            // idempotency key was the same)
            CheckoutSession winner = sessions.findOpen(bookingId)
                    .orElseThrow(() -> ApiException.conflict("The booking's checkout changed meanwhile; try again."));
            return new Result(winner, false);
        }
        log.info("Checkout session {} ({} {}) for booking {}: {} {}", sessionId, provider.name(), created.id(),
                bookingId, booking.totalMinor(), booking.currency());
        return new Result(session, true);
    }
}
