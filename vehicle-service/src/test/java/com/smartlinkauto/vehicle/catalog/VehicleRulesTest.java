package com.smartlinkauto.vehicle.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.servicedefaults.problem.ApiException;

class VehicleRulesTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void modelYearsRunFrom1990ToNextYear() {
        VehicleRules.checkYear(1990, clock);
        VehicleRules.checkYear(2027, clock);
        assertThatThrownBy(() -> VehicleRules.checkYear(1989, clock)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> VehicleRules.checkYear(2028, clock)).isInstanceOf(ApiException.class);
    }

    @Test
    void vinsUseTheIso3779Alphabet() {
        assertThat("WVWZZZ1JZXW000001").matches(VehicleRules.VIN_PATTERN);
        assertThat("1HGCM82633A004352").matches(VehicleRules.VIN_PATTERN);
        for (String bad : List.of("WVWZZZ1JZXW00000I", "WVWZZZ1JZXW00000O", "WVWZZZ1JZXW00000Q",
                "WVWZZZ1JZXW00000", "WVWZZZ1JZXW0000011", "wvwzzz1jzxw000001", "WVWZZZ1JZXW00000-")) {
            assertThat(bad).doesNotMatch(VehicleRules.VIN_PATTERN);
        }
    }

    @Test
    void pricesAreStoredInMinorUnitsWithTheCurrencysDecimals() {
        BigDecimal max = new BigDecimal("10000");
        assertThat(VehicleRules.priceMinor(new BigDecimal("49.90"), "EUR", max)).isEqualTo(4990);
        assertThat(VehicleRules.priceMinor(new BigDecimal("49.900"), "EUR", max)).isEqualTo(4990);
        assertThat(VehicleRules.priceMinor(new BigDecimal("5000"), "JPY", max)).isEqualTo(5000);
        assertThat(VehicleRules.price(4990, "EUR")).isEqualByComparingTo("49.90");
        assertThatThrownBy(() -> VehicleRules.priceMinor(new BigDecimal("49.901"), "EUR", max))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> VehicleRules.priceMinor(new BigDecimal("12.5"), "JPY", max))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> VehicleRules.priceMinor(BigDecimal.ZERO, "EUR", max)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> VehicleRules.priceMinor(new BigDecimal("10000.01"), "EUR", max))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> VehicleRules.currency("XXX")).isInstanceOf(ApiException.class);
        assertThat(VehicleRules.currency("NZD")).isEqualTo("NZD");
    }

    @Test
    void platesCompareWithoutCaseSpacesOrDashesAndFeaturesAreDeduplicated() {
        assertThat(VehicleRules.plateKey("b-ab 123")).isEqualTo(VehicleRules.plateKey("BAB123"));
        assertThat(VehicleRules.features(List.of(" GPS", "gps", "Roof rack"))).containsExactly("GPS", "Roof rack");
        assertThat(VehicleRules.country("de")).isEqualTo("DE");
        assertThatThrownBy(() -> VehicleRules.country("ZZ")).isInstanceOf(ApiException.class);
    }

    @Test
    void theLifecycleAllowsOnlyItsTransitions() {
        assertThat(VehicleStatus.PENDING_REVIEW.canBeVerifiedAs(VehicleStatus.ACTIVE)).isTrue();
        assertThat(VehicleStatus.PENDING_REVIEW.canBeVerifiedAs(VehicleStatus.REJECTED)).isTrue();
        assertThat(VehicleStatus.ACTIVE.canBeVerifiedAs(VehicleStatus.REJECTED)).isFalse();
        assertThat(VehicleStatus.PENDING_REVIEW.canBeVerifiedAs(VehicleStatus.SUSPENDED)).isFalse();
        assertThat(VehicleStatus.ACTIVE.canMoveTo(VehicleStatus.SUSPENDED)).isTrue();
        assertThat(VehicleStatus.SUSPENDED.canMoveTo(VehicleStatus.ACTIVE)).isTrue();
        assertThat(VehicleStatus.PENDING_REVIEW.canMoveTo(VehicleStatus.ACTIVE)).isFalse();
        assertThat(VehicleStatus.REJECTED.canMoveTo(VehicleStatus.ACTIVE)).isFalse();
        assertThat(VehicleStatus.SUSPENDED.canMoveTo(VehicleStatus.SUSPENDED)).isFalse();
        for (VehicleStatus status : VehicleStatus.values()) {
            assertThat(status.canMoveTo(VehicleStatus.RETIRED)).isEqualTo(status != VehicleStatus.RETIRED);
            assertThat(status.canMoveTo(VehicleStatus.PENDING_REVIEW)).isFalse();
        }
    }
}
