package com.smartlinkauto.user.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class TooManyAttemptsExceptionTest {

    @Test
    void retryAfterIsRoundedUpToWholeSecondsAndNeverZero() {
        assertThat(new TooManyAttemptsException("x", Duration.ofMillis(179_001)).retryAfterSeconds()).isEqualTo(180);
        assertThat(new TooManyAttemptsException("x", Duration.ofSeconds(180)).retryAfterSeconds()).isEqualTo(180);
        assertThat(new TooManyAttemptsException("x", Duration.ZERO).retryAfterSeconds()).isEqualTo(1);
    }
}
