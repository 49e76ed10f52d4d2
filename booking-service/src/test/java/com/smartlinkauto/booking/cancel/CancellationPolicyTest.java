package com.smartlinkauto.booking.cancel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.servicedefaults.problem.ApiException;

/** The policy at each of its edges, to the nanosecond. */
class CancellationPolicyTest {

    private static final CancellationPolicy POLICY = new CancellationPolicy(Duration.ofHours(24), new BigDecimal("100"),
            new BigDecimal("50"));
    private static final Instant PICKUP = Instant.parse("2026-12-10T09:00:00Z");
    private static final UUID ID = UUID.randomUUID();

    @Test
    void atLeast24HoursBeforeThePickupEverythingComesBack() {
        assertThat(POLICY.refundMinor(ID, 14_970, PICKUP, PICKUP.minus(Duration.ofDays(30)))).isEqualTo(14_970);
        assertThat(POLICY.refundMinor(ID, 14_970, PICKUP, PICKUP.minus(Duration.ofHours(24)))).isEqualTo(14_970);
    }

    @Test
    void laterHalfComesBackRoundedHalfUp() {
        assertThat(POLICY.refundMinor(ID, 14_970, PICKUP, PICKUP.minus(Duration.ofHours(24)).plusNanos(1)))
                .isEqualTo(7_485);
        assertThat(POLICY.refundMinor(ID, 14_971, PICKUP, PICKUP.minus(Duration.ofHours(1)))).isEqualTo(7_486);
        assertThat(POLICY.refundMinor(ID, 14_970, PICKUP, PICKUP.minusNanos(1))).isEqualTo(7_485);
    }

    @Test
    void fromThePickupOnNothingIsCancelled() {
        for (Instant now : new Instant[] { PICKUP, PICKUP.plusNanos(1), PICKUP.plus(Duration.ofDays(2)) }) {
            assertThatThrownBy(() -> POLICY.refundMinor(ID, 14_970, PICKUP, now))
                    .isInstanceOfSatisfying(ApiException.class, ex -> {
                        assertThat(ex.status().value()).isEqualTo(409);
                        assertThat(ex.type().toString()).endsWith("/illegal-booking-transition");
                    });
        }
    }

    @Test
    void anotherPolicyFromConfiguration() {
        var strict = new CancellationPolicy(Duration.ofHours(72), new BigDecimal("80"), BigDecimal.ZERO);
        assertThat(strict.refundMinor(ID, 10_000, PICKUP, PICKUP.minus(Duration.ofHours(72)))).isEqualTo(8_000);
        assertThat(strict.refundMinor(ID, 10_000, PICKUP, PICKUP.minus(Duration.ofHours(71)))).isZero();
    }
}
