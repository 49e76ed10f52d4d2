package com.smartlinkauto.booking.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.smartlinkauto.booking.bookings.Booking;
import com.smartlinkauto.booking.cache.CacheInvalidation;
import com.smartlinkauto.booking.cache.CacheNamespaces;
import com.smartlinkauto.booking.shared.Money;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code payment_ledger}: writes, in the caller's transaction (the {@code payment.events} consumer's, together with
 * the event's {@code processed_events} mark). The parties come from the booking row, not from the event: the ledger
 * says whose booking the money was for as this service knows it. A new row makes that partner's earnings, that
 * renter's totals and the revenue stale once the transaction commits; a replay (same payment or refund id) inserts
 * nothing and bumps nothing. Counts {@code smartlink_bookings_ledger_entries_total{kind, outcome=recorded|duplicate}}.
 */
@Repository
public class PaymentLedger {

    public static final String PAYMENT = "PAYMENT";
    public static final String REFUND = "REFUND";

    private final JdbcClient jdbc;
    private final CacheInvalidation invalidation;
    private final Clock clock;
    private final MeterRegistry meters;

    PaymentLedger(JdbcClient jdbc, CacheInvalidation invalidation, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.invalidation = invalidation;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * A captured payment for the booking: +amount at {@code paidAt}.
     *
     * @return false when this payment is in the ledger already (or its amount is zero: nothing moved)
     * @throws IllegalArgumentException a negative amount, or one with more decimals than its currency has (the
     *                                  event is parked: retrying cannot make it valid)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean recordPayment(Booking booking, UUID paymentId, BigDecimal amount, String currency, Instant paidAt) {
        long minor = minor(amount, currency, "payment " + paymentId);
        return minor > 0 && record(paymentId, PAYMENT, paymentId, booking, minor, currency, paidAt);
    }

    /**
     * A refund of (part of) a payment for the booking: −amount at {@code refundedAt}, in the month it happened,
     * whenever the payment was.
     *
     * @return false when this refund is in the ledger already (or its amount is zero: nothing moved)
     * @throws IllegalArgumentException a negative amount, or one with more decimals than its currency has
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean recordRefund(Booking booking, UUID refundId, UUID paymentId, BigDecimal amount, String currency,
            Instant refundedAt) {
        long minor = minor(amount, currency, "refund " + refundId);
        return minor > 0 && record(refundId, REFUND, paymentId, booking, -minor, currency, refundedAt);
    }

    private boolean record(UUID sourceId, String kind, UUID paymentId, Booking booking, long signedMinor,
            String currency, Instant at) {
        boolean inserted = jdbc.sql("insert into payment_ledger (source_id, kind, payment_id, booking_id, partner_id, "
                + "vehicle_id, renter_id, amount_minor, currency, occurred_at, recorded_at, city) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (source_id) do nothing")
                .params(sourceId, kind, paymentId, booking.id(), booking.partnerId(), booking.vehicleId(),
                        booking.renterId(), signedMinor, currency, at.atOffset(ZoneOffset.UTC),
                        clock.instant().atOffset(ZoneOffset.UTC), booking.city())
                .update() == 1;
        Counter.builder("smartlink.bookings.ledger.entries").description("Payments and refunds in the ledger")
                .tag("kind", kind).tag("outcome", inserted ? "recorded" : "duplicate").register(meters).increment();
        if (inserted) {
            invalidation.afterCommit(List.of(CacheNamespaces.partner(booking.partnerId()),
                    CacheNamespaces.renter(booking.renterId()), CacheNamespaces.REVENUE));
        }
        return inserted;
    }

    private static long minor(BigDecimal amount, String currency, String what) {
        long minor;
        try {
            minor = Money.toMinor(amount, currency);
        }
        catch (ArithmeticException ex) {
            throw new IllegalArgumentException(what + ": " + amount + " " + currency
                    + " is not an exact amount in that currency", ex);
        }
        if (minor < 0) {
            throw new IllegalArgumentException(what + ": the amount must not be negative, was " + amount + " " + currency);
        }
        return minor;
    }
}
