package com.smartlinkauto.booking.cancel;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.booking.bookings.Booking;
import com.smartlinkauto.booking.bookings.BookingStatus;
import com.smartlinkauto.booking.cancel.CancellationPolicy.Outcome;
import com.smartlinkauto.booking.cancel.CancellationPolicy.Refusal;

/** The policy at each of its edges, to the nanosecond, and for every status. */
class CancellationPolicyTest {

    private static final CancellationPolicy POLICY = new CancellationPolicy(Duration.ofHours(24), new BigDecimal("100"),
            new BigDecimal("50"));
    private static final Instant PICKUP = Instant.parse("2026-12-10T09:00:00Z");

    private static Booking booking(BookingStatus status, long totalMinor) {
        Instant created = PICKUP.minus(Duration.ofDays(60));
        return new Booking(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), status, PICKUP,
                PICKUP.plus(Duration.ofDays(2)), 60, PICKUP.plus(Duration.ofDays(2)).plus(Duration.ofHours(1)), 2,
                totalMinor / 2, totalMinor, 0, totalMinor, "EUR", null,
                status == BookingStatus.HELD ? null : created, null, null, null, null, null, 2, created, created,
                "Douala");
    }

    private static Outcome confirmed(long totalMinor, Instant now) {
        return POLICY.assess(booking(BookingStatus.CONFIRMED, totalMinor), now);
    }

    @Test
    void atLeast24HoursBeforeThePickupEverythingComesBack() {
        assertThat(confirmed(14_970, PICKUP.minus(Duration.ofDays(30))))
                .isEqualTo(new Outcome(null, 14_970L, new BigDecimal("100")));
        assertThat(confirmed(14_970, PICKUP.minus(Duration.ofHours(24))))
                .isEqualTo(new Outcome(null, 14_970L, new BigDecimal("100")));
        assertThat(POLICY.fullRefundUntil(PICKUP)).isEqualTo(PICKUP.minus(Duration.ofHours(24)));
    }

    @Test
    void laterHalfComesBackRoundedHalfUp() {
        assertThat(confirmed(14_970, PICKUP.minus(Duration.ofHours(24)).plusNanos(1)))
                .isEqualTo(new Outcome(null, 7_485L, new BigDecimal("50")));
        assertThat(confirmed(14_971, PICKUP.minus(Duration.ofHours(1))).refundMinor()).isEqualTo(7_486);
        assertThat(confirmed(14_970, PICKUP.minusNanos(1)).refundMinor()).isEqualTo(7_485);
    }

    @Test
    void aHoldIsCancelledWithoutRefundWhateverTheTime() {
        for (Instant now : new Instant[] { PICKUP.minus(Duration.ofDays(30)), PICKUP.minusNanos(1), PICKUP }) {
            Outcome outcome = POLICY.assess(booking(BookingStatus.HELD, 14_970), now);
            assertThat(outcome.cancellable()).isTrue();
            assertThat(outcome.refundMinor()).as("nothing was charged").isNull();
            assertThat(outcome.refundPercent()).isNull();
        }
    }

    @Test
    void fromThePickupOnNothingIsCancelled() {
        for (Instant now : new Instant[] { PICKUP, PICKUP.plusNanos(1), PICKUP.plus(Duration.ofDays(2)) }) {
            Booking booking = booking(BookingStatus.CONFIRMED, 14_970);
            Outcome outcome = POLICY.assess(booking, now);
            assertThat(outcome).isEqualTo(new Outcome(Refusal.RENTAL_STARTED, null, null));
            assertThat(outcome.cancellable()).isFalse();
            var problem = outcome.problem(booking);
            assertThat(problem.status().value()).isEqualTo(409);
            assertThat(problem.type().toString()).endsWith("/illegal-booking-transition");
            assertThat(problem.getMessage()).contains("pickup time has come");
        }
    }

    @Test
    void noOtherStatusIsCancelled() {
        assertThat(POLICY.assess(booking(BookingStatus.CANCELLED, 100), PICKUP.minus(Duration.ofDays(9))).refusal())
                .isEqualTo(Refusal.ALREADY_CANCELLED);
        assertThat(POLICY.assess(booking(BookingStatus.EXPIRED, 100), PICKUP.minus(Duration.ofDays(9))).refusal())
                .isEqualTo(Refusal.EXPIRED);
        Booking completed = booking(BookingStatus.COMPLETED, 100);
        Outcome outcome = POLICY.assess(completed, PICKUP.plus(Duration.ofDays(9)));
        assertThat(outcome.refusal()).isEqualTo(Refusal.COMPLETED);
        assertThat(outcome.problem(completed).getMessage()).isEqualTo("A COMPLETED booking cannot be cancelled.");
    }

    @Test
    void anotherPolicyFromConfiguration() {
        var strict = new CancellationPolicy(Duration.ofHours(72), new BigDecimal("80"), BigDecimal.ZERO);
        Booking booking = booking(BookingStatus.CONFIRMED, 10_000);
        assertThat(strict.assess(booking, PICKUP.minus(Duration.ofHours(72))).refundMinor()).isEqualTo(8_000);
        assertThat(strict.assess(booking, PICKUP.minus(Duration.ofHours(71))).refundMinor()).isZero();
    }
}
