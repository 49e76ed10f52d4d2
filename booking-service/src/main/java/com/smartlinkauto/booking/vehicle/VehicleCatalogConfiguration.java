package com.smartlinkauto.booking.vehicle;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

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

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.smartlinkauto.booking.config.BookingProperties;
import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokens;
import com.smartlinkauto.servicedefaults.servicetoken.ServiceUris;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * The {@link VehicleCatalog}: {@code smartlink.bookings.vehicles.base-url} ({@code http://vehicle-service}: an
 * instance found through discovery per call), the service token for audience {@code vehicle-service}, Apache
 * HttpClient 5 with a connection pool and the configured time-outs (under a flash sale the JDK client left bursts
 * of reads unanswered until their time-out while vehicle-service was idle), circuit breaker {@value #CIRCUIT_BREAKER} and a Caffeine cache.
 */
@Configuration(proxyBeanMethods = false)
class VehicleCatalogConfiguration {

    static final String CIRCUIT_BREAKER = "vehicle-service";
    static final String AUDIENCE = "vehicle-service";

    @Bean
    VehicleCatalog vehicleCatalog(BookingProperties properties, ServiceTokens tokens,
            ObjectProvider<LoadBalancerClient> loadBalancer, ObjectProvider<LoadBalancerRequestFactory> requestFactory,
            MeterRegistry meters) {
        BookingProperties.Vehicles config = properties.vehicles();
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(config.connectTimeout()))
                        .setSocketTimeout(Timeout.of(config.readTimeout()))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .setTimeToLive(TimeValue.ofMinutes(5)).build())
                .setMaxConnTotal(200).setMaxConnPerRoute(100).build();
        HttpComponentsClientHttpRequestFactory http = new HttpComponentsClientHttpRequestFactory(HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(config.readTimeout()))
                        .setResponseTimeout(Timeout.of(config.readTimeout())).build())
                // idle connections are closed before vehicle-service would close them (keep-alive)
                .evictIdleConnections(TimeValue.ofSeconds(15))
                // no retries of its own (it would repeat a 503): the circuit breaker counts what got no answer
                .disableAutomaticRetries()
                .build());
        RestClient.Builder rest = RestClient.builder().baseUrl(config.baseUrl().toString()).requestFactory(http)
                .requestInterceptor(tokens.interceptor(AUDIENCE));
        ServiceUris.loadBalancing(config.baseUrl(), loadBalancer, requestFactory).ifPresent(rest::requestInterceptor);

        CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
        CircuitBreaker breaker = registry.circuitBreaker(CIRCUIT_BREAKER, circuitBreakerConfig());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);

        Cache<UUID, Optional<VehicleSnapshot>> cache = Caffeine.newBuilder().expireAfterWrite(config.cacheTtl())
                .maximumSize(config.cacheSize()).recordStats().build();
        CaffeineCacheMetrics.monitor(meters, cache, "vehicles");
        // closed with the context: Spring infers HttpVehicleCatalog.close() as the bean's destroy method
        return new HttpVehicleCatalog(rest.build(), http::destroy, breaker, cache, Duration.ofSeconds(5), meters);
    }

    /**
     * Opens when half of the last 20 calls (at least 10) got no answer, lets 3 trial calls through after 10 s; only
     * calls that got no answer count (a 404 is an answer), and none is "slow" (the read time-out bounds each one).
     */
    static CircuitBreakerConfig circuitBreakerConfig() {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(10))
                .permittedNumberOfCallsInHalfOpenState(3)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .slowCallDurationThreshold(Duration.ofDays(1))
                .recordException(ex -> ex instanceof HttpVehicleCatalog.Unavailable)
                .build();
    }
}
