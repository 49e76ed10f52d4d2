package com.smartlinkauto.payment.payments;

import static com.smartlinkauto.payment.payments.SessionStore.instant;
import static com.smartlinkauto.payment.payments.SessionStore.ts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The append-only ledger ({@code ledger_entry}): rows are only ever inserted (the database refuses anything else), so
 * a booking's totals are sums over its rows.
 */
@Repository
public class Ledger {

    private final JdbcClient jdbc;

    Ledger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void payment(Payment p) {
        append(new LedgerEntry(UUID.randomUUID(), "PAYMENT", p.bookingId(), p.id(), null, p.amountMinor(), p.currency(),
                p.partnerId(), p.vehicleId(), p.renterId(), p.capturedAt()));
    }

    void refund(Payment p, UUID refundId, long amountMinor, Instant at) {
        append(new LedgerEntry(UUID.randomUUID(), "REFUND", p.bookingId(), p.id(), refundId, -amountMinor,
                p.currency(), p.partnerId(), p.vehicleId(), p.renterId(), at));
    }

    private void append(LedgerEntry e) {
        jdbc.sql("insert into ledger_entry (id, kind, booking_id, payment_id, refund_id, amount_minor, currency, "
                + "partner_id, vehicle_id, renter_id, occurred_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(e.id(), e.kind(), e.bookingId(), e.paymentId(), e.refundId(), e.amountMinor(), e.currency(),
                        e.partnerId(), e.vehicleId(), e.renterId(), ts(e.occurredAt()))
                .update();
    }

    /** The booking's rows, oldest first. */
    public List<LedgerEntry> forBooking(UUID bookingId) {
        return jdbc.sql("select * from ledger_entry where booking_id = ? order by occurred_at, id").param(bookingId)
                .query((rs, row) -> new LedgerEntry(rs.getObject("id", UUID.class), rs.getString("kind"),
                        rs.getObject("booking_id", UUID.class), rs.getObject("payment_id", UUID.class),
                        rs.getObject("refund_id", UUID.class), rs.getLong("amount_minor"), rs.getString("currency"),
                        rs.getObject("partner_id", UUID.class), rs.getObject("vehicle_id", UUID.class),
                        rs.getObject("renter_id", UUID.class), instant(rs, "occurred_at")))
                .list();
    }
}
