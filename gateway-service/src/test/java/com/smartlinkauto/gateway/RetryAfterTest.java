package com.smartlinkauto.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import com.smartlinkauto.gateway.web.ErrorBodyWebFilter;

class RetryAfterTest {

    private final ErrorBodyWebFilter filter = new ErrorBodyWebFilter(new GatewayProperties(0, 1),
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry());

    private long retryAfter(String rate, String tokens) {
        HttpHeaders headers = new HttpHeaders();
        if (rate != null) {
            headers.set("X-RateLimit-Replenish-Rate", rate);
        }
        if (tokens != null) {
            headers.set("X-RateLimit-Requested-Tokens", tokens);
        }
        return filter.retryAfterSeconds(headers);
    }

    @Test
    void waitsForEnoughTokensRoundedUpWithAFloor() {
        assertThat(retryAfter("50", "1")).isEqualTo(1);
        assertThat(retryAfter("1", "1")).isEqualTo(1);
        assertThat(retryAfter("1", "5")).isEqualTo(5);
        assertThat(retryAfter("2", "5")).isEqualTo(3);
    }

    @Test
    void missingOrGarbledHeadersFallBackToTheFloor() {
        assertThat(retryAfter(null, null)).isEqualTo(1);
        assertThat(retryAfter("abc", "1")).isEqualTo(1);
        assertThat(retryAfter("0", "1")).isEqualTo(1);
    }
}
