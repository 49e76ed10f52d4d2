package com.smartlinkauto.payment.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.payment.payments.CheckoutSession;
import com.smartlinkauto.payment.payments.Ledger;
import com.smartlinkauto.payment.payments.LedgerEntry;
import com.smartlinkauto.payment.payments.PaymentStore;
import com.smartlinkauto.payment.payments.RefundStore;
import com.smartlinkauto.payment.payments.SessionStore;
import com.smartlinkauto.payment.shared.Caller;
import com.smartlinkauto.payment.shared.Money;
import com.smartlinkauto.payment.shared.PaymentProblems;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "payments")
class PaymentQueryController {

    private final SessionStore sessions;
    private final PaymentStore payments;
    private final RefundStore refunds;
    private final Ledger ledger;

    PaymentQueryController(SessionStore sessions, PaymentStore payments, RefundStore refunds, Ledger ledger) {
        this.sessions = sessions;
        this.payments = payments;
        this.refunds = refunds;
        this.ledger = ledger;
    }

    /**
     * A booking's money, amounts in major units of {@code currency}.
     *
     * @param captured what its payments captured (the ledger's PAYMENT rows)
     * @param refunded what went back (the ledger's REFUND rows, as a positive amount)
     * @param net      captured minus refunded
     */
    record BookingPayments(UUID bookingId, String currency, BigDecimal captured, BigDecimal refunded, BigDecimal net,
            List<SessionView> sessions, List<PaymentView> payments, List<RefundView> refunds,
            List<LedgerView> ledger) {
    }

    record SessionView(String sessionId, String provider, String status, BigDecimal amount, String currency,
            Instant expiresAt, Instant createdAt) {
    }

    record PaymentView(UUID paymentId, String provider, String providerPaymentId, BigDecimal amount,
            BigDecimal refunded, String currency, Instant capturedAt) {
    }

    record RefundView(UUID refundId, UUID paymentId, BigDecimal amount, String currency, String reason, String status,
            Instant createdAt, Instant completedAt) {
    }

    record LedgerView(UUID entryId, String kind, BigDecimal amount, String currency, UUID paymentId, UUID refundId,
            Instant occurredAt) {
    }

    @GetMapping(path = "/api/payments/bookings/{bookingId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A booking's payments, refunds and ledger totals (its renter, the vehicle's partner, ADMIN)",
            description = "Checkout sessions, captured payments, refunds (PENDING, SUCCEEDED, FAILED) and the "
                    + "append-only ledger rows (PAYMENT positive, REFUND negative), with the totals they sum to: "
                    + "captured, refunded, net, in major units of the booking's currency. A booking without any "
                    + "checkout, or one the caller may not see: 404.")
    BookingPayments booking(@PathVariable UUID bookingId, @AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        List<CheckoutSession> started = sessions.forBooking(bookingId);
        boolean party = started.stream().anyMatch(s -> caller.id() != null
                && (caller.id().equals(s.renterId()) || caller.id().equals(s.partnerId())));
        if (started.isEmpty() || !(caller.admin() || party)) {
            throw PaymentProblems.bookingNotFound(bookingId);
        }
        String currency = started.get(0).currency();
        List<LedgerEntry> entries = ledger.forBooking(bookingId);
        long captured = entries.stream().filter(e -> e.amountMinor() > 0).mapToLong(LedgerEntry::amountMinor).sum();
        long refunded = -entries.stream().filter(e -> e.amountMinor() < 0).mapToLong(LedgerEntry::amountMinor).sum();
        return new BookingPayments(bookingId, currency, Money.toMajor(captured, currency),
                Money.toMajor(refunded, currency), Money.toMajor(captured - refunded, currency),
                started.stream().map(s -> new SessionView(s.providerSessionId(), s.provider(), s.status(),
                        Money.toMajor(s.amountMinor(), s.currency()), s.currency(), s.expiresAt(), s.createdAt()))
                        .toList(),
                payments.forBooking(bookingId).stream().map(p -> new PaymentView(p.id(), p.provider(),
                        p.providerPaymentId(), Money.toMajor(p.amountMinor(), p.currency()),
                        Money.toMajor(p.refundedMinor(), p.currency()), p.currency(), p.capturedAt())).toList(),
                refunds.forBooking(bookingId).stream().map(r -> new RefundView(r.id(), r.paymentId(),
                        Money.toMajor(r.amountMinor(), r.currency()), r.currency(), r.reason(), r.status(),
                        r.createdAt(), r.completedAt())).toList(),
                entries.stream().map(e -> new LedgerView(e.id(), e.kind(), Money.toMajor(e.amountMinor(), e.currency()),
                        e.currency(), e.paymentId(), e.refundId(), e.occurredAt())).toList());
    }
}
