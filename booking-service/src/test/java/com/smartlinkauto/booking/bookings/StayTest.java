package com.smartlinkauto.booking.bookings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.booking.config.BookingProperties;
import com.smartlinkauto.servicedefaults.problem.ApiException;

class StayTest {

    private static final BookingProperties.Rules RULES = new BookingProperties.Rules(Duration.ofHours(1),
            Duration.ofDays(90), Duration.ofDays(730));
    private static final Instant NOW = Instant.parse("2026-12-01T10:17:42.123Z");
    private static final Instant PICKUP = Instant.parse("2026-12-02T09:00:00Z");

    @Test
    void chargesEveryStartedDay() {
        assertThat(Stay.of(PICKUP, PICKUP.plus(Duration.ofMinutes(1)), RULES, NOW).days()).isEqualTo(1);
        assertThat(Stay.of(PICKUP, PICKUP.plus(Duration.ofHours(24)), RULES, NOW).days()).isEqualTo(1);
        assertThat(Stay.of(PICKUP, PICKUP.plus(Duration.ofHours(24).plusMinutes(1)), RULES, NOW).days()).isEqualTo(2);
        assertThat(Stay.of(PICKUP, PICKUP.plus(Duration.ofDays(90)), RULES, NOW).days()).isEqualTo(90);
    }

    @Test
    void theVehicleIsBlockedUntilTheReturnPlusItsTurnaround() {
        Stay stay = Stay.of(PICKUP, PICKUP.plus(Duration.ofDays(2)), RULES, NOW);
        assertThat(stay.blockedUntil(90)).isEqualTo(PICKUP.plus(Duration.ofDays(2)).plus(Duration.ofMinutes(90)));
        assertThat(stay.blockedUntil(0)).isEqualTo(stay.returnAt());
    }

    @Test
    void thePickupIsAtLeastAnHourAheadAndAtMost730Days() {
        Instant anHourAhead = Instant.parse("2026-12-01T11:18:00Z"); // now + 1 h, rounded up to the minute
        assertThat(Stay.of(anHourAhead, anHourAhead.plus(Duration.ofHours(3)), RULES, NOW).pickupAt())
                .isEqualTo(anHourAhead);
        assertRefused(Instant.parse("2026-12-01T11:17:00Z"), PICKUP.plus(Duration.ofDays(1)), "pickupAt",
                "must be at least 1 h from now");
        assertRefused(Instant.parse("2026-12-01T10:00:00Z"), PICKUP, "pickupAt", "must not be in the past");
        Instant tooFar = NOW.plus(Duration.ofDays(731)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        assertRefused(tooFar, tooFar.plus(Duration.ofDays(1)), "pickupAt", "must be at most 730 days from now");
    }

    @Test
    void theReturnFollowsThePickupByAtMost90Days() {
        assertRefused(PICKUP, PICKUP, "returnAt", "must be after pickupAt");
        assertRefused(PICKUP, PICKUP.minus(Duration.ofMinutes(1)), "returnAt", "must be after pickupAt");
        assertRefused(PICKUP, PICKUP.plus(Duration.ofDays(90)).plusSeconds(60), "returnAt",
                "must be at most 90 days after pickupAt");
    }

    @Test
    void bothAreOnAWholeMinute() {
        assertRefused(PICKUP.plusSeconds(30), PICKUP.plus(Duration.ofDays(1)), "pickupAt",
                "must be on a whole minute (no seconds)");
        assertRefused(PICKUP, PICKUP.plus(Duration.ofDays(1)).plusMillis(1), "returnAt",
                "must be on a whole minute (no seconds)");
        assertRefused(PICKUP.plusNanos(1000), PICKUP.plus(Duration.ofDays(1)), "pickupAt",
                "must be on a whole minute (no seconds)");
    }

    @Test
    void missingDatesAreNamed() {
        assertRefused(null, PICKUP, "pickupAt", "must not be null");
        assertRefused(PICKUP, null, "returnAt", "must not be null");
    }

    @SuppressWarnings("unchecked")
    private static void assertRefused(Instant pickup, Instant ret, String field, String message) {
        assertThatThrownBy(() -> Stay.of(pickup, ret, RULES, NOW)).isInstanceOfSatisfying(ApiException.class, ex -> {
            assertThat(ex.status().value()).isEqualTo(400);
            assertThat((List<Map<String, String>>) ex.properties().get("errors"))
                    .contains(Map.of("field", field, "message", message));
        });
    }
}
