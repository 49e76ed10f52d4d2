package com.smartlinkauto.servicedefaults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CorrelationTest {

    @Test
    void keepsSafeIdsAndReplacesOthers() {
        assertThat(Correlation.acceptOrGenerate("abc-123_X.y:z")).isEqualTo("abc-123_X.y:z");
        assertThat(Correlation.acceptOrGenerate(null)).matches("[0-9a-f-]{36}");
        assertThat(Correlation.acceptOrGenerate("")).matches("[0-9a-f-]{36}");
        assertThat(Correlation.acceptOrGenerate("a b")).matches("[0-9a-f-]{36}");
        assertThat(Correlation.acceptOrGenerate("x".repeat(129))).matches("[0-9a-f-]{36}");
        assertThat(Correlation.acceptOrGenerate("line\r\nInjected: yes")).matches("[0-9a-f-]{36}");
    }
}
