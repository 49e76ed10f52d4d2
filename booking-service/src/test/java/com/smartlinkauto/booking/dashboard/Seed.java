package com.smartlinkauto.booking.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bookings and ledger rows written straight into the tables (as the hold, the confirmation and the
 * {@code payment.events} consumer would leave them), and kept in memory for the brute-force expectations.
 */
public final class Seed {

    /** A booking as stored; {@code totalMinor} = days × price per day. */
    public record Booking(UUID id, UUID vehicleId, UUID renterId, UUID partnerId, String status, Instant pickupAt,
            Instant returnAt, String currency, long totalMinor, String city, Instant createdAt, Instant holdExpiresAt) {

        public boolean rented() {
            return status.equals("CONFIRMED") || status.equals("COMPLETED");
        }
    }

    /** A ledger row: +amount for a payment, −amount for a refund. */
    public record Entry(UUID sourceId, String kind, UUID paymentId, Booking booking, long signedMinor, Instant at) {
    }

    public final List<Booking> bookings = new ArrayList<>();
    public final List<Entry> entries = new ArrayList<>();

    private final JdbcClient jdbc;

    public Seed(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Created five days before its pickup. */
    public Booking booking(UUID vehicle, UUID renter, UUID partner, String status, Instant pickup, Instant ret,
            String currency, long pricePerDayMinor, String city) {
        return booking(vehicle, renter, partner, status, pickup, ret, currency, pricePerDayMinor, city,
                pickup.minus(Duration.ofDays(5)));
    }

    /** A HELD one's hold expires at its pickup. */
    public Booking booking(UUID vehicle, UUID renter, UUID partner, String status, Instant pickup, Instant ret,
            String currency, long pricePerDayMinor, String city, Instant createdAt) {
        return booking(vehicle, renter, partner, status, pickup, ret, currency, pricePerDayMinor, city, createdAt,
                pickup);
    }

    /** @param holdExpiresAt kept for a HELD one only */
    public Booking booking(UUID vehicle, UUID renter, UUID partner, String status, Instant pickup, Instant ret,
            String currency, long pricePerDayMinor, String city, Instant createdAt, Instant holdExpiresAt) {
        long hours = Duration.between(pickup, ret).toHours();
        int days = (int) Math.max(1, (hours + 23) / 24);
        long total = days * pricePerDayMinor;
        Booking b = new Booking(UUID.randomUUID(), vehicle, renter, partner, status, pickup, ret, currency, total, city,
                createdAt, status.equals("HELD") ? holdExpiresAt : null);
        jdbc.sql("insert into bookings (id, vehicle_id, renter_id, partner_id, status, pickup_at, return_at, "
                + "turnaround_minutes, blocked_until, days, price_per_day_minor, subtotal_minor, service_fee_minor, "
                + "total_minor, currency, hold_expires_at, confirmed_at, sequence, created_at, updated_at, city) "
                + "values (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, 0, ?, ?, ?, ?, 1, ?, ?, ?)")
                .params(b.id(), vehicle, renter, partner, status, at(pickup), at(ret), at(ret), days, pricePerDayMinor,
                        total, total, currency, status.equals("HELD") ? at(holdExpiresAt) : null,
                        b.rented() ? at(pickup.minus(Duration.ofDays(3))) : null, at(createdAt), at(createdAt), city)
                .update();
        bookings.add(b);
        return b;
    }

    public Entry payment(Booking booking, long amountMinor, Instant at) {
        UUID id = UUID.randomUUID();
        return entry(new Entry(id, "PAYMENT", id, booking, amountMinor, at));
    }

    public Entry refund(Entry payment, long amountMinor, Instant at) {
        return entry(new Entry(UUID.randomUUID(), "REFUND", payment.paymentId(), payment.booking(), -amountMinor, at));
    }

    private Entry entry(Entry e) {
        Booking b = e.booking();
        jdbc.sql("insert into payment_ledger (source_id, kind, payment_id, booking_id, partner_id, vehicle_id, "
                + "renter_id, amount_minor, currency, occurred_at, recorded_at, city) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(e.sourceId(), e.kind(), e.paymentId(), b.id(), b.partnerId(), b.vehicleId(), b.renterId(),
                        e.signedMinor(), b.currency(), at(e.at()), at(e.at()), b.city())
                .update();
        entries.add(e);
        return e;
    }

    static java.time.OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
