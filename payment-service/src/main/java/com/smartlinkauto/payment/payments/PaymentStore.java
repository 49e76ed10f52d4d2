package com.smartlinkauto.payment.payments;

import static com.smartlinkauto.payment.payments.SessionStore.instant;
import static com.smartlinkauto.payment.payments.SessionStore.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code payment}. */
@Repository
public class PaymentStore {

    private static final String COLUMNS = "id, booking_id, session_id, renter_id, partner_id, vehicle_id, provider, "
            + "provider_payment_id, amount_minor, currency, refunded_minor, captured_at";

    private final JdbcClient jdbc;

    PaymentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the payment unless its session has one already; false then. */
    boolean insert(Payment p) {
        return jdbc.sql("insert into payment (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "on conflict (session_id) do nothing")
                .params(p.id(), p.bookingId(), p.sessionId(), p.renterId(), p.partnerId(), p.vehicleId(), p.provider(),
                        p.providerPaymentId(), p.amountMinor(), p.currency(), p.refundedMinor(), ts(p.capturedAt()))
                .update() == 1;
    }

    public Optional<Payment> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from payment where id = ?").param(id).query(PaymentStore::map)
                .optional();
    }

    /** The row locked until the transaction ends: refunds of one payment are decided one at a time. */
    public Optional<Payment> lock(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from payment where id = ? for update").param(id)
                .query(PaymentStore::map).optional();
    }

    public Optional<Payment> findByProviderPaymentId(String providerPaymentId) {
        return jdbc.sql("select " + COLUMNS + " from payment where provider_payment_id = ?").param(providerPaymentId)
                .query(PaymentStore::map).optional();
    }

    /** The booking's payments, oldest first. */
    public List<Payment> forBooking(UUID bookingId) {
        return jdbc.sql("select " + COLUMNS + " from payment where booking_id = ? order by captured_at, id")
                .param(bookingId).query(PaymentStore::map).list();
    }

    void addRefunded(UUID paymentId, long amountMinor) {
        jdbc.sql("update payment set refunded_minor = refunded_minor + ? where id = ?").params(amountMinor, paymentId)
                .update();
    }

    static Payment map(ResultSet rs, int row) throws SQLException {
        return new Payment(rs.getObject("id", UUID.class), rs.getObject("booking_id", UUID.class),
                rs.getObject("session_id", UUID.class), rs.getObject("renter_id", UUID.class),
                rs.getObject("partner_id", UUID.class), rs.getObject("vehicle_id", UUID.class),
                rs.getString("provider"), rs.getString("provider_payment_id"), rs.getLong("amount_minor"),
                rs.getString("currency"), rs.getLong("refunded_minor"), instant(rs, "captured_at"));
    }
}
