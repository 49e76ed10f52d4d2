package com.smartlinkauto.payment.booking;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerRequestFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import com.smartlinkauto.payment.config.PaymentProperties;
import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokens;
import com.smartlinkauto.servicedefaults.servicetoken.ServiceUris;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The {@link BookingDirectory}: {@code payments.bookings.base-url} ({@code http://booking-service}: an instance found
 * through discovery per call), the service token for audience {@code booking-service}, Apache HttpClient 5 with a
 * small pool and the configured time-outs, and circuit breaker {@value #CIRCUIT_BREAKER}.
 */
@Configuration(proxyBeanMethods = false)
class BookingDirectoryConfiguration {

    static final String CIRCUIT_BREAKER = "booking-service";
    static final String AUDIENCE = "booking-service";

    @Bean
    BookingDirectory bookingDirectory(PaymentProperties properties, ServiceTokens tokens,
            ObjectProvider<LoadBalancerClient> loadBalancer, ObjectProvider<LoadBalancerRequestFactory> requestFactory,
            MeterRegistry meters) {
        PaymentProperties.Bookings config = properties.bookings();
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(config.connectTimeout()))
                        .setSocketTimeout(Timeout.of(config.readTimeout()))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .setTimeToLive(TimeValue.ofMinutes(5)).build())
                .setMaxConnTotal(50).setMaxConnPerRoute(20).build();
        HttpComponentsClientHttpRequestFactory http = new HttpComponentsClientHttpRequestFactory(HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(config.readTimeout()))
                        .setResponseTimeout(Timeout.of(config.readTimeout())).build())
                .evictIdleConnections(TimeValue.ofSeconds(15))
                // no retries of its own: the circuit breaker counts what got no answer
                .disableAutomaticRetries()
                .build());
        RestClient.Builder rest = RestClient.builder().baseUrl(config.baseUrl().toString()).requestFactory(http)
                .requestInterceptor(tokens.interceptor(AUDIENCE));
        ServiceUris.loadBalancing(config.baseUrl(), loadBalancer, requestFactory).ifPresent(rest::requestInterceptor);

        CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
        CircuitBreaker breaker = registry.circuitBreaker(CIRCUIT_BREAKER, circuitBreakerConfig());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        return new HttpBookingDirectory(rest.build(), http::destroy, breaker, Duration.ofSeconds(5), meters);
    }

    /**
     * Opens when half of the last 20 calls (at least 10) got no answer, lets 3 trial calls through after 10 s; only
     * calls that got no answer count (a 404 is an answer).
     */
    static CircuitBreakerConfig circuitBreakerConfig() {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(10))
                .permittedNumberOfCallsInHalfOpenState(3)
                .slowCallDurationThreshold(Duration.ofDays(1))
                .recordException(ex -> ex instanceof HttpBookingDirectory.Unavailable)
                .build();
    }
}
