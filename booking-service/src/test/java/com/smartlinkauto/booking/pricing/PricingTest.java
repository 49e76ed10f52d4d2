package com.smartlinkauto.booking.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.booking.bookings.Stay;
import com.smartlinkauto.booking.config.BookingProperties;
import com.smartlinkauto.booking.vehicle.VehicleSnapshot;

class PricingTest {

    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    private static final Instant PICKUP = Instant.parse("2026-12-02T09:00:00Z");
    private static final BookingProperties.Rules RULES = new BookingProperties.Rules(Duration.ofHours(1),
            Duration.ofDays(90), Duration.ofDays(730));

    private static VehicleSnapshot vehicle(String price, String currency) {
        return new VehicleSnapshot(UUID.randomUUID(), UUID.randomUUID(), "ACTIVE", true, new BigDecimal(price), currency,
                60, List.of(), "Berlin");
    }

    @Test
    void subtotalIsDaysTimesThePriceAndTheFeeIsRoundedHalfUpToTheMinorUnit() {
        Stay stay = Stay.of(PICKUP, PICKUP.plus(Duration.ofHours(49)), RULES, NOW); // 3 started days
        Quote quote = new Pricing(new BigDecimal("10")).quote(vehicle("49.95", "EUR"), stay);
        assertThat(quote.days()).isEqualTo(3);
        assertThat(quote.pricePerDayMinor()).isEqualTo(4995);
        assertThat(quote.subtotalMinor()).isEqualTo(14985);
        assertThat(quote.serviceFeeMinor()).isEqualTo(1499); // 1498.5 → 1499
        assertThat(quote.totalMinor()).isEqualTo(16484);
        assertThat(quote.view().total()).isEqualByComparingTo("164.84");
        assertThat(quote.view().total().scale()).isEqualTo(2);
    }

    @Test
    void aCurrencyWithoutMinorUnitsStaysWhole() {
        Stay stay = Stay.of(PICKUP, PICKUP.plus(Duration.ofDays(2)), RULES, NOW);
        Quote quote = new Pricing(new BigDecimal("7.5")).quote(vehicle("6001", "JPY"), stay);
        assertThat(quote.subtotalMinor()).isEqualTo(12002);
        assertThat(quote.serviceFeeMinor()).isEqualTo(900); // 900.15
        assertThat(quote.view().total()).isEqualByComparingTo("12902");
        assertThat(quote.view().total().scale()).isZero();
    }

    @Test
    void noFee() {
        Stay stay = Stay.of(PICKUP, PICKUP.plus(Duration.ofDays(1)), RULES, NOW);
        Quote quote = new Pricing(BigDecimal.ZERO).quote(vehicle("30.00", "EUR"), stay);
        assertThat(quote.serviceFeeMinor()).isZero();
        assertThat(quote.totalMinor()).isEqualTo(3000);
    }
}
