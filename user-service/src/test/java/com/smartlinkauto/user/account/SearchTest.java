package com.smartlinkauto.user.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTest {

    @Test
    void wildcardsAndEscapesInTheQueryMatchThemselves() {
        assertThat(Search.containsPattern("Ada")).isEqualTo("%ada%");
        assertThat(Search.containsPattern(" 50%_off ")).isEqualTo("%50\\%\\_off%");
        assertThat(Search.containsPattern("a\\b")).isEqualTo("%a\\\\b%");
        assertThat(Search.containsPattern("' OR 1=1 --")).isEqualTo("%' or 1=1 --%");
        assertThat(Search.containsPattern("")).isEqualTo("%%");
    }
}
