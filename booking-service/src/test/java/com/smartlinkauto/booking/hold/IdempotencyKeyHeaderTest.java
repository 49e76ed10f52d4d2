package com.smartlinkauto.booking.hold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.servicedefaults.validation.InvalidInputException;

class IdempotencyKeyHeaderTest {

    @Test
    void oneTo255PrintableAsciiCharacters() {
        assertThat(HoldController.checked("k")).isEqualTo("k");
        assertThat(HoldController.checked("x".repeat(255))).hasSize(255);
        assertThat(HoldController.checked("order 42/retry-1")).isEqualTo("order 42/retry-1");
        for (String bad : new String[] { null, "", " ", "   ", "x".repeat(256), "a\u0000b", "tab\tkey", "é",
                "\u202Eevil", "line\nbreak" }) {
            assertThatThrownBy(() -> HoldController.checked(bad)).as("%s", bad)
                    .isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void theFingerprintIsTheRequestsMeaningNotItsSpelling() {
        var id = java.util.UUID.randomUUID();
        var a = new HoldRequest(id, java.time.Instant.parse("2026-12-02T09:00:00Z"),
                java.time.Instant.parse("2026-12-03T09:00:00Z"));
        var b = new HoldRequest(id, java.time.OffsetDateTime.parse("2026-12-02T10:00:00+01:00").toInstant(),
                java.time.Instant.parse("2026-12-03T09:00:00.000Z"));
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).hasSize(64);
        assertThat(new HoldRequest(id, a.pickupAt(), a.returnAt().plusSeconds(60)).fingerprint())
                .isNotEqualTo(a.fingerprint());
    }
}
