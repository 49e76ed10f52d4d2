package com.smartlinkauto.servicedefaults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

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

    @Test
    void carriesTheRequestIdToAnotherThreadAndClearsItAfterwards() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor(Threads.daemon("carry-test-"));
        try {
            MDC.put(Correlation.MDC_KEY, "req-42");
            Callable<String> seen = Correlation.carry(() -> MDC.get(Correlation.MDC_KEY));
            MDC.remove(Correlation.MDC_KEY);
            assertThat(pool.submit(seen).get()).isEqualTo("req-42");
            assertThat(pool.submit(() -> MDC.get(Correlation.MDC_KEY)).get()).isNull();
        }
        finally {
            pool.shutdownNow();
        }
    }
}
