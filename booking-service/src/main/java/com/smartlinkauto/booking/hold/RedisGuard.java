package com.smartlinkauto.booking.hold;

import java.time.Duration;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A circuit breaker ({@code redis}) in front of the state Redis for the holds' lock and in-flight marks. Redis is
 * optional to a hold (the database decides), so while it is down a hold should not pay a connection time-out twice
 * (lock, in-flight mark) on every request: after half of the last 10 calls (at least 5) failed, calls fail at once
 * for 5 s, then 2 trial calls tell whether Redis is back. Metrics: {@code resilience4j_circuitbreaker_*{name="redis"}}.
 */
@Component
class RedisGuard {

    /** Redis could not be asked: it failed just now, or the breaker is open. */
    static final class Unavailable extends RuntimeException {

        Unavailable(RuntimeException cause) {
            super(cause instanceof CallNotPermittedException ? "circuit breaker open" : cause.toString(), cause);
        }

        /** Refused by the open breaker (Redis was not asked): not worth a warning per request. */
        boolean breakerOpen() {
            return getCause() instanceof CallNotPermittedException;
        }
    }

    private final CircuitBreaker breaker;

    RedisGuard(MeterRegistry meters) {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
        this.breaker = registry.circuitBreaker("redis", config());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
    }

    static CircuitBreakerConfig config() {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(5))
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                // a wait for a contended lock is not slow Redis: only failures count
                .slowCallDurationThreshold(Duration.ofDays(1))
                .build();
    }

    /** The call's result; {@link Unavailable} when Redis failed it or the breaker is open. */
    <T> T call(Supplier<T> redisCall) {
        try {
            return breaker.executeSupplier(redisCall);
        }
        catch (Unavailable ex) {
            throw ex;
        }
        catch (RuntimeException ex) {
            throw new Unavailable(ex);
        }
    }

    CircuitBreaker.State state() {
        return breaker.getState();
    }
}
