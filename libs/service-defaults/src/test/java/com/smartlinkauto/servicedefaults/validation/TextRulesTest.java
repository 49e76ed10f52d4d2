package com.smartlinkauto.servicedefaults.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.smartlinkauto.servicedefaults.problem.ApiException;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

class TextRulesTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    record Listing(@CleanText(max = 10, lowerCased = true) String city, @CleanText(max = 50, multiline = true) String description,
            List<@CleanText(max = 3) String> features, @SaneInstant Instant from) {
    }

    private static Set<ConstraintViolation<Listing>> violations(Listing listing) {
        return VALIDATOR.validate(listing);
    }

    @ParameterizedTest
    @ValueSource(strings = { "a\u0000b", "a\u0007", "a\u001b[31m", "a\u007f", "a\u0085", "a\u009b", "tab\there",
            "line\nbreak", "a\u2028b", "a\u202eb", "a\u2066b", "a\ud800", "\udc00a", "a\uffff" })
    void singleLineTextRefusesControlsSeparatorsBidiOverridesAndBrokenUnicode(String value) {
        assertThat(TextRules.problem(value, 100, false, false)).isPresent();
    }

    @Test
    void multiLineTextAllowsTabsAndLineBreaksButNotOtherControls() {
        assertThat(TextRules.problem("one\r\ntwo\tthree\u2028four", 100, true, false)).isEmpty();
        assertThat(TextRules.problem("one\u0000", 100, true, false)).contains(TextRules.CONTROL_CHARACTERS);
        assertThat(TextRules.problem("one\u202e", 100, true, false)).contains(TextRules.BIDI_CONTROLS);
    }

    @Test
    void ordinaryTextInAnyScriptIsFine() {
        assertThat(TextRules.problem("Zürich Köln 東京 \ud83d\ude97 ‏שלום‎", 100, false, true)).isEmpty();
    }

    @Test
    void lengthCountsCodePointsOfTheNormalisedAndLowerCasedForms() {
        // a car emoji is two UTF-16 units but one character, as PostgreSQL counts
        assertThat(TextRules.problem("\ud83d\ude97".repeat(10), 10, false, false)).isEmpty();
        // "İ" lower-cases to "i̇": two code points
        assertThat(TextRules.problem("İ".repeat(80), 80, false, false)).isEmpty();
        assertThat(TextRules.problem("İ".repeat(80), 80, false, true)).contains("must be at most 80 characters");
        assertThat(TextRules.problem("İ".repeat(40), 80, false, true)).isEmpty();
        // decomposed "é" (e + combining acute) is two code points as sent, one after NFC: the longer form counts
        assertThat(TextRules.problem("e\u0301".repeat(6), 10, false, false)).isPresent();
        assertThat(TextRules.normalize(" e\u0301 ")).isEqualTo("é");
        // far too long is refused without normalising
        assertThat(TextRules.problem("x".repeat(1_000_000), 80, false, true)).isPresent();
    }

    @Test
    void theConstraintsReportEachFieldAndNeverEchoTheValue() {
        Listing bad = new Listing("İİİİİİ", "fine\nwith lines", List.of("ok", "a\u0000"),
                Instant.parse("+300000-01-01T00:00:00Z"));
        Set<ConstraintViolation<Listing>> violations = violations(bad);
        assertThat(violations).extracting(v -> v.getPropertyPath().toString())
                .containsExactlyInAnyOrder("city", "features[1].<list element>", "from");
        assertThat(violations).extracting(ConstraintViolation::getMessage)
                .containsExactlyInAnyOrder("must be at most 10 characters", TextRules.CONTROL_CHARACTERS,
                        "must be between 1970-01-01T00:00:00Z and 2200-01-01T00:00:00Z");
        assertThat(violations(new Listing("Zürich", null, null, Instant.parse("2026-12-01T10:00:00Z")))).isEmpty();
    }

    @Test
    void decimalsAreBoundedByPrecisionAndScaleWithoutBeingWrittenOut() {
        assertThat(InputChecks.decimal("p", new BigDecimal("12345.6700"), 5, 2)).isEqualByComparingTo("12345.67");
        assertThat(InputChecks.decimal("p", new BigDecimal("1E+3"), 5, 2)).isEqualByComparingTo("1000");
        for (String bad : new String[] { "1e999999999", "1e-999999999", "1e200000", "123456", "0.001",
                "-1e999999999" }) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> InputChecks.decimal("p", new BigDecimal(bad), 5, 2))
                    .isInstanceOf(InvalidInputException.class);
            assertThat(System.nanoTime() - started).as(bad).isLessThan(1_000_000_000L);
        }
    }

    @Test
    void instantsAreParsedAndWindowed() {
        assertThat(InputChecks.parseInstant("from", "2026-12-01T10:00:00+01:00", InstantWindow.DEFAULT))
                .isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(InputChecks.parseInstant("from", " ", InstantWindow.DEFAULT)).isNull();
        for (String bad : new String[] { "+300000-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2026-13-01T00:00:00Z",
                "yesterday", "2026-12-01T10:00:00", "9".repeat(100) }) {
            assertThatThrownBy(() -> InputChecks.parseInstant("from", bad, InstantWindow.DEFAULT))
                    .isInstanceOf(InvalidInputException.class)
                    .satisfies(ex -> assertThat(((ApiException) ex).status().value()).isEqualTo(400));
        }
    }

    @Test
    void textAndIntegerChecksNameTheField() {
        assertThatThrownBy(() -> InputChecks.text("city", "a\u0000", 10)).isInstanceOf(InvalidInputException.class)
                .satisfies(ex -> assertThat(((ApiException) ex).properties().toString()).contains("city"));
        assertThat(InputChecks.text("city", "Berlin", 10, true)).isEqualTo("Berlin");
        assertThat(InputChecks.integer("seats", 5, 1, 9)).isEqualTo(5);
        assertThatThrownBy(() -> InputChecks.integer("seats", 10, 1, 9)).isInstanceOf(InvalidInputException.class);
    }
}
