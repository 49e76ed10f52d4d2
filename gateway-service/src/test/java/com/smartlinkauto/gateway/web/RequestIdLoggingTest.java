package com.smartlinkauto.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import com.smartlinkauto.servicedefaults.Correlation;

import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * With Reactor's context propagation limited, the gateway's own log lines still carry the request id: taken
 * from the exchange or from the Reactor context into the MDC while the line is written, and removed after.
 */
class RequestIdLoggingTest {

    @Test
    void aLogLineAboutAnExchangeHasItsRequestIdInTheMdcAndNothingIsLeftBehind() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/x"));
        exchange.getAttributes().put(CorrelationIdWebFilter.ATTRIBUTE, "req-42");
        List<String> seen = new ArrayList<>();

        RequestIdLogging.log(exchange, () -> seen.add(MDC.get(Correlation.MDC_KEY)));

        assertThat(seen).containsExactly("req-42");
        assertThat(MDC.get(Correlation.MDC_KEY)).isNull();
    }

    @Test
    void anotherRequestsIdLeftOnTheThreadIsNeverWrittenAndComesBackAfter() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/x"));
        exchange.getAttributes().put(CorrelationIdWebFilter.ATTRIBUTE, "req-43");
        List<String> seen = new ArrayList<>();
        MDC.put(Correlation.MDC_KEY, "someone-else");
        try {
            RequestIdLogging.log(exchange, () -> seen.add(MDC.get(Correlation.MDC_KEY)));
            assertThat(MDC.get(Correlation.MDC_KEY)).isEqualTo("someone-else");
        }
        finally {
            MDC.remove(Correlation.MDC_KEY);
        }
        assertThat(seen).containsExactly("req-43");
    }

    @Test
    void anExchangeWithoutAnIdYetLogsWithoutOne() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/x"));
        List<String> seen = new ArrayList<>();

        RequestIdLogging.log(exchange, () -> seen.add(String.valueOf(MDC.get(Correlation.MDC_KEY))));

        assertThat(seen).containsExactly("null");
    }

    @Test
    void codeWithoutTheExchangeTakesTheIdFromTheReactorContext() {
        List<String> seen = new ArrayList<>();
        Mono<String> logged = RequestIdLogging.log(() -> seen.add(MDC.get(Correlation.MDC_KEY)),
                () -> Mono.just("next"))
                .contextWrite(context -> context.put(Correlation.MDC_KEY, "req-7"));

        StepVerifier.create(logged).expectNext("next").verifyComplete();

        assertThat(seen).containsExactly("req-7");
        assertThat(MDC.get(Correlation.MDC_KEY)).isNull();
    }
}
