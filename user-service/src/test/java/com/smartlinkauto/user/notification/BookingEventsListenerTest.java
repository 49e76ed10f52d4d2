package com.smartlinkauto.user.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.contracts.events.booking.BookingChanged;

class BookingEventsListenerTest {

    private final UUID booking = UUID.fromString("0b7c1d2e-0000-4000-8000-000000000001");
    private final UUID vehicle = UUID.fromString("3f2a9c1e-5b6d-4e7f-8a9b-0c1d2e3f4a5b");
    private final Instant pickup = Instant.parse("2026-12-10T09:00:00Z");
    private final Instant dropOff = Instant.parse("2026-12-12T09:00:00Z");

    private BookingChanged booking(String status, Instant expiresAt, String reason, BigDecimal refund) {
        return new BookingChanged(booking, vehicle, UUID.randomUUID(), UUID.randomUUID(), status, pickup, dropOff,
                expiresAt, new BigDecimal("45000"), "XAF", reason, 3, Instant.now(), refund);
    }

    @Test
    void aHoldNamesItsExpiryToTheSecondInUtcAndWhatToPay() {
        BookingEventsListener.Message held = BookingEventsListener.heldMessage(
                booking("HELD", Instant.parse("2026-12-04T15:20:00.987654Z"), null, null));
        assertThat(held.type()).isEqualTo("BOOKING_HELD");
        assertThat(held.body()).isEqualTo("Booking " + booking + " (vehicle 3f2a9c1e, 2026-12-10T09:00:00Z to "
                + "2026-12-12T09:00:00Z, 45000 XAF) held until 2026-12-04T15:20:00Z: pay before then.");
    }

    @Test
    void aConfirmationTellsTheRenterAndThePartnerTheDates() {
        BookingChanged confirmed = booking("CONFIRMED", null, null, null);
        assertThat(BookingEventsListener.confirmedMessage(confirmed).body()).isEqualTo("Booking " + booking
                + " confirmed: vehicle 3f2a9c1e, 2026-12-10T09:00:00Z to 2026-12-12T09:00:00Z, 45000 XAF.");
        BookingEventsListener.Message partner = BookingEventsListener.confirmedPartnerMessage(confirmed);
        assertThat(partner.type()).isEqualTo("BOOKING_CONFIRMED_PARTNER");
        assertThat(partner.body()).isEqualTo("New confirmed booking " + booking + " of your vehicle 3f2a9c1e: pickup "
                + "2026-12-10T09:00:00Z, return 2026-12-12T09:00:00Z, 45000 XAF.");
    }

    @Test
    void aCancellationNamesTheRefundExactlyOrThatNothingWasCharged() {
        BookingEventsListener.Message hold = BookingEventsListener.cancelledMessage(
                booking("CANCELLED", Instant.parse("2026-12-04T15:20:00Z"), " plans changed ", null));
        assertThat(hold.type()).isEqualTo("BOOKING_CANCELLED");
        assertThat(hold.body()).endsWith(" cancelled, no charge. Reason: plans changed");

        BookingChanged confirmed = booking("CANCELLED", null, null, new BigDecimal("22500"));
        assertThat(BookingEventsListener.cancelledMessage(confirmed).body())
                .endsWith(" cancelled, refund under the cancellation policy: 22500 XAF.");
        BookingEventsListener.Message partner = BookingEventsListener.cancelledPartnerMessage(confirmed);
        assertThat(partner.type()).isEqualTo("BOOKING_CANCELLED_PARTNER");
        assertThat(partner.body()).isEqualTo("Confirmed booking " + booking + " of your vehicle 3f2a9c1e "
                + "(2026-12-10T09:00:00Z to 2026-12-12T09:00:00Z) was cancelled; refund to the renter: 22500 XAF.");
        // nothing back under the policy is still said, as the event has it
        assertThat(BookingEventsListener.cancelledMessage(booking("CANCELLED", null, null, BigDecimal.ZERO)).body())
                .endsWith("refund under the cancellation policy: 0 XAF.");
    }

    @Test
    void anExpiryAndACompletedTrip() {
        BookingEventsListener.Message expired = BookingEventsListener.expiredMessage(
                booking("EXPIRED", Instant.parse("2026-12-04T15:20:00Z"), null, null));
        assertThat(expired.type()).isEqualTo("BOOKING_EXPIRED");
        assertThat(expired.body()).contains("expired: it was not paid by 2026-12-04T15:20:00Z. Nothing was charged.");
        BookingEventsListener.Message done = BookingEventsListener.completedMessage(booking("COMPLETED", null, null,
                null));
        assertThat(done.type()).isEqualTo("TRIP_COMPLETED");
        assertThat(done.body()).isEqualTo("Trip of booking " + booking + " completed: vehicle 3f2a9c1e, "
                + "2026-12-10T09:00:00Z to 2026-12-12T09:00:00Z, 45000 XAF.");
    }

    @Test
    void aBookingWithoutAPriceOrCurrencyStillReads() {
        BookingChanged bare = new BookingChanged(booking, vehicle, null, null, "HELD", pickup, dropOff, null, null,
                null, null, 1, null);
        assertThat(BookingEventsListener.heldMessage(bare).body()).isEqualTo("Booking " + booking
                + " (vehicle 3f2a9c1e, 2026-12-10T09:00:00Z to 2026-12-12T09:00:00Z) held: pay soon to keep "
                + "it.");
        assertThat(BookingEventsListener.amount(new BigDecimal("1E+2"), null)).isEqualTo("100");
    }
}
