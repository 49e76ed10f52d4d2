package com.smartlinkauto.user.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = { "Correct-Horse-Battery-7", "tangerine lighthouse gravel", "8302917465",
            "Ünïcödé-Pässwörd", "g7#Kp2!xQm" })
    void acceptsLongEnoughUncommonPasswords(String password) {
        assertThat(PasswordPolicy.problem(password, "ada.lovelace@example.test")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "short|must be at least 10 characters long",
            "123456789|must be at least 10 characters long",
            "1234567890|is too common",
            "qwertyuiop|is too common",
            "Password123!|is too common",
            "!!Welcome2024!!|is too common",
            "iloveyou1234|is too common",
            "SmartLink-2025|is too common",
            "aaaaaaaaaaaa|is too repetitive",
            "abababababab|is too repetitive",
            "1212121212|is too common",
            "bcdefghijklm|is a simple sequence",
            "zyxwvutsrqpo|is a simple sequence",
            "my-ada.lovelace-pw|must not contain your email address",
            "ADA.LOVELACE@example.test|must not contain your email address" })
    void refusesWeakPasswords(String password, String problem) {
        assertThat(PasswordPolicy.problem(password, "ada.lovelace@example.test")).contains(problem);
    }

    @org.junit.jupiter.api.Test
    void countsCharactersForTheMinimumAndBytesForTheMaximum() {
        assertThat(PasswordPolicy.problem("ä".repeat(10) + "xyz", null)).isEmpty();
        assertThat(PasswordPolicy.problem("ä".repeat(37), null)).contains("must be at most 72 bytes long");
        assertThat(PasswordPolicy.problem("k".repeat(36) + "Zy9!" + "m".repeat(32), null)).isEmpty();
        assertThat(PasswordPolicy.tooLong("x".repeat(73))).isTrue();
        assertThat(PasswordPolicy.problem(null, null)).isPresent();
    }

    @org.junit.jupiter.api.Test
    void shortEmailNamesDoNotBlockEverything() {
        assertThat(PasswordPolicy.problem("mailbox-journey-42", "al@example.test")).isEmpty();
    }
}
