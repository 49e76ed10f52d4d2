package com.smartlinkauto.booking.vehicle;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerRequestFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

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
 * instance found through discovery per call), the service token for audience {@code vehicle-service}, the JDK HTTP
 * client with the configured time-outs, circuit breaker {@value #CIRCUIT_BREAKER} and a Caffeine cache.
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
        JdkClientHttpRequestFactory http = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout()).version(HttpClient.Version.HTTP_1_1).build());
        http.setReadTimeout(config.readTimeout());
        RestClient.Builder rest = RestClient.builder().baseUrl(config.baseUrl().toString()).requestFactory(http)
                .requestInterceptor(tokens.interceptor(AUDIENCE));
        ServiceUris.loadBalancing(config.baseUrl(), loadBalancer, requestFactory).ifPresent(rest::requestInterceptor);

        CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
        CircuitBreaker breaker = registry.circuitBreaker(CIRCUIT_BREAKER, circuitBreakerConfig());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);

        Cache<UUID, Optional<VehicleSnapshot>> cache = Caffeine.newBuilder().expireAfterWrite(config.cacheTtl())
                .maximumSize(config.cacheSize()).recordStats().build();
        CaffeineCacheMetrics.monitor(meters, cache, "vehicles");
        return new HttpVehicleCatalog(rest.build(), breaker, cache, Duration.ofSeconds(5), meters);
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
